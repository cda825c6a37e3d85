// cmd_cluster.go holds CLUSTER, READONLY, READWRITE and ASKING as a Redis
// 7.0 server without cluster support has them: each is in the command
// table (COMMAND lists it, with Redis's arity and flags) and answers that
// cluster support is disabled, which is how clients tell a standalone
// server from a cluster node.
package main

// errNoCluster is Redis's reply to a cluster command on a standalone server.
const errNoCluster = "ERR This instance has cluster support disabled"

// clusterCommands returns CLUSTER and the connection commands of cluster
// mode.
func clusterCommands() []*command {
	return []*command{
		container("cluster", -2, 0, clusterSubcommands()),
		{name: "readonly", arity: 1, flags: flagFast, fn: cmdNoCluster},
		{name: "readwrite", arity: 1, flags: flagFast, fn: cmdNoCluster},
		{name: "asking", arity: 1, flags: flagFast, fn: cmdNoCluster},
	}
}

// clusterSubcommands returns CLUSTER's subcommands with Redis 7.0's arity
// and flags (but stale, loading and no_async_loading, which nosql does not
// keep for any command); every one answers errNoCluster once its arity is
// checked.
func clusterSubcommands() []subcommand {
	const a = flagAdmin
	subs := []subcommand{
		{name: "addslots", arity: -3, flags: a}, {name: "addslotsrange", arity: -4, flags: a},
		{name: "bumpepoch", arity: 2, flags: a}, {name: "count-failure-reports", arity: 3, flags: a},
		{name: "countkeysinslot", arity: 3}, {name: "delslots", arity: -3, flags: a},
		{name: "delslotsrange", arity: -4, flags: a}, {name: "failover", arity: -2, flags: a},
		{name: "flushslots", arity: 2, flags: a}, {name: "forget", arity: 3, flags: a},
		{name: "getkeysinslot", arity: 4}, {name: "help", arity: 2}, {name: "info", arity: 2},
		{name: "keyslot", arity: 3}, {name: "links", arity: 2}, {name: "meet", arity: -4, flags: a},
		{name: "myid", arity: 2}, {name: "nodes", arity: 2}, {name: "replicas", arity: 3, flags: a},
		{name: "replicate", arity: 3, flags: a}, {name: "reset", arity: -2, flags: a | flagNoScript},
		{name: "saveconfig", arity: 2, flags: a}, {name: "set-config-epoch", arity: 3, flags: a},
		{name: "setslot", arity: -4, flags: a}, {name: "shards", arity: 2}, {name: "slaves", arity: 3, flags: a},
		{name: "slots", arity: 2},
	}
	for i := range subs {
		subs[i].fn = cmdNoCluster
	}
	return subs
}

func cmdNoCluster(c *client, _ [][]byte) { c.writeError(errNoCluster) }
