// The V8 flags every service runs with in production (NODE_OPTIONS in deploy/k8s, docker-compose.yml
// and deploy/Dockerfile; the deploy checks compare them with this value). The benchmark spawns the
// services with them too, so its RSS and CPU figures are the shipped ones.
export const PRODUCTION_NODE_OPTIONS = '--max-old-space-size=160';
