// The status recorded for a request whose client went away before its answer was sent (nginx's
// 499, "client closed request"; no HTTP status went out): the metrics and the traces agree on it.
export const CLIENT_CLOSED_REQUEST = 499;
