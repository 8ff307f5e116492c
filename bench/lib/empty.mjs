// An empty ES module: the floor for a cold start.
