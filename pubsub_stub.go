// pubsub_stub.go stands in for the subscription counts of the pub/sub
// branch (pubsub.go), which CLIENT LIST and CLIENT KILL TYPE read; the
// merge replaces it with the real subscriberCounts.
package main

// subscriberCounts returns how many channels, patterns and shard channels
// the client subscribes to: none before pub/sub exists.
func (c *client) subscriberCounts() (sub, psub, ssub int) { return 0, 0, 0 }
