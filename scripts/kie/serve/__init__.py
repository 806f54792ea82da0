"""serve layer: the classroom server (kie serve) for a built site on a local network."""
