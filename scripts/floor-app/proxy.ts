// The project's own proxy: its nonce per request and its checks of form posts are part of every request's floor.
export { proxy } from "@/proxy";
