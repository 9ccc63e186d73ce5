# schemathesis check for the GraphQL endpoint: schemathesis's own not_a_server_error, except that
# errors[] entries carrying no extensions.code are not judged (see schemathesis-config.ts for why).
# Loaded through SCHEMATHESIS_HOOKS, so the file name is a Python module name, not kebab-case.
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.graphql.checks import GraphQLServerError


def _labelled(error: object) -> bool:
    extensions = error.get("extensions") if isinstance(error, dict) else None
    return isinstance(extensions, dict) and any(
        isinstance(extensions.get(key), str) for key in ("code", "classification")
    )


@schemathesis.check
def graphql_server_error(ctx, response, case):
    """5xx, INTERNAL_SERVER_ERROR, or any error labelled other than as a client error."""
    try:
        return not_a_server_error(ctx, response, case)
    except GraphQLServerError as failure:
        # schemathesis calls an unlabelled error with a `path` a server error: without a label it
        # cannot tell a resolver refusing bad input from one failing. Labelled ones are trusted.
        if any(_labelled(error) for error in failure.errors):
            raise
        return None
