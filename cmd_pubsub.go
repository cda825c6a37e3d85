// cmd_pubsub.go holds the pub/sub commands (SUBSCRIBE, UNSUBSCRIBE,
// PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH
// and PUBSUB's introspection) over the registry in pubsub.go, and the
// rule of Redis's pubsub context: a RESP2 client with a subscription may
// run only the subscribe commands, PING, QUIT and RESET.
package main

func pubsubCommands() []*command {
	const ns = flagNoScript
	const nso = ns | flagOrdered // a PUBLISH that arrived after it waits for it (arrival.go)
	return []*command{
		{name: "subscribe", arity: -2, flags: nso, fn: subscribeTo(subChannel)},
		{name: "psubscribe", arity: -2, flags: nso, fn: subscribeTo(subPattern)},
		{name: "ssubscribe", arity: -2, flags: nso, fn: subscribeTo(subShard)},
		{name: "unsubscribe", arity: -1, flags: nso, fn: unsubscribeFrom(subChannel)},
		{name: "punsubscribe", arity: -1, flags: nso, fn: unsubscribeFrom(subPattern)},
		{name: "sunsubscribe", arity: -1, flags: nso, fn: unsubscribeFrom(subShard)},
		{name: "publish", arity: 3, flags: flagFast | flagMayReplicate, fn: publishTo(subChannel)},
		{name: "spublish", arity: 3, flags: flagFast | flagMayReplicate, fn: publishTo(subShard)},
		container("pubsub", -2, 0, pubsubSubcommands()),
	}
}

// subscribeTo returns the handler of a subscribe command of kind.
// SSUBSCRIBE is refused inside a transaction, as Redis refuses it to a
// client that may not block.
func subscribeTo(kind subKind) func(c *client, args [][]byte) {
	return func(c *client, args [][]byte) {
		if kind == subShard && c.execing {
			c.writeError("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client")
			return
		}
		c.subscribe(kind, args[1:])
	}
}

// unsubscribeFrom returns the handler of an unsubscribe command of kind.
func unsubscribeFrom(kind subKind) func(c *client, args [][]byte) {
	return func(c *client, args [][]byte) { c.unsubscribe(kind, args[1:]) }
}

// publishTo returns the handler of PUBLISH (subChannel) or SPUBLISH
// (subShard): it answers the number of receivers.
func publishTo(kind subKind) func(c *client, args [][]byte) {
	return func(c *client, args [][]byte) { c.writeInt(int64(c.publish(kind, args[1], args[2]))) }
}

func pubsubSubcommands() []subcommand {
	return []subcommand{
		{name: "channels", arity: -2, fn: channelsOf(subChannel)},
		{name: "shardchannels", arity: -2, fn: channelsOf(subShard)},
		{name: "numsub", arity: -2, fn: numSubOf(subChannel)},
		{name: "shardnumsub", arity: -2, fn: numSubOf(subShard)},
		{name: "numpat", arity: 2, fn: cmdPubsubNumPat},
		{name: "help", arity: 2, fn: cmdPubsubHelp},
	}
}

// channelsOf returns the handler of PUBSUB CHANNELS or SHARDCHANNELS
// [pattern]: the names with subscribers (sorted; Redis gives them in no
// order).
func channelsOf(kind subKind) func(c *client, args [][]byte) {
	return func(c *client, args [][]byte) {
		var pattern []byte
		switch len(args) {
		case 2:
		case 3:
			pattern = args[2]
		default:
			c.subcommandSyntaxError(args)
			return
		}
		c.writeBulks(c.srv.channelNames(kind, pattern))
	}
}

// numSubOf returns the handler of PUBSUB NUMSUB or SHARDNUMSUB
// [name ...]: each name and its number of subscribers (patterns not
// counted).
func numSubOf(kind subKind) func(c *client, args [][]byte) {
	return func(c *client, args [][]byte) {
		counts := c.srv.numSub(kind, args[2:])
		c.writeArray(2 * len(counts))
		for i, n := range counts {
			c.writeBulk(args[2+i])
			c.writeInt(int64(n))
		}
	}
}

// cmdPubsubNumPat answers the number of patterns with subscribers.
func cmdPubsubNumPat(c *client, args [][]byte) {
	_, patterns, _ := c.srv.pubsubCounts()
	c.writeInt(int64(patterns))
}

func cmdPubsubHelp(c *client, args [][]byte) {
	c.writeHelp("PUBSUB",
		"CHANNELS [<pattern>]",
		"    Return the currently active channels matching a <pattern> (default: '*').",
		"NUMPAT",
		"    Return number of subscriptions to patterns.",
		"NUMSUB [<channel> ...]",
		"    Return the number of subscribers for the specified channels, excluding",
		"    pattern subscriptions(default: no channels).",
		"SHARDCHANNELS [<pattern>]",
		"    Return the currently active shard level channels matching a <pattern> (default: '*').",
		"SHARDNUMSUB [<shardchannel> ...]",
		"    Return the number of subscribers for the specified shard level channel(s)")
}

// pubsubOnly reports whether the client is in Redis's pubsub context: a
// subscription, under RESP2, where a reply could not be told from a
// message.
func (c *client) pubsubOnly() bool { return c.resp == 2 && c.inPubsub() }

// pubsubContextError returns Redis's refusal of a command in the pubsub
// context, naming it as Redis does (a subcommand as "config|get"), or ""
// when it may run: a subscribe command, PING, QUIT, RESET, or a
// subcommand unknown or given the wrong number of arguments, whose own
// error Redis answers first.
func pubsubContextError(cmd *command, args [][]byte) string {
	name := cmd.name
	switch name {
	case "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe",
		"ping", "quit", "reset":
		return ""
	}
	if cmd.subs != nil {
		sub := findSubcommand(cmd.subs, args[1])
		if sub == nil || (sub.arity > 0 && len(args) != sub.arity) || len(args) < -sub.arity {
			return ""
		}
		name += "|" + sub.name
	}
	return "ERR Can't execute '" + name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
}

// textPubsubOnly refuses a semicolon request in the pubsub context.
const textPubsubOnly = "ERROR: this connection is subscribed (pub/sub, RESP2): only SUBSCRIBE, UNSUBSCRIBE, " +
	"PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PING, QUIT and RESET may run until it unsubscribes from everything"
