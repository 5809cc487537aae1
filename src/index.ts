// Public API of the library. The Auth construct lands in the following commits.
export {};
