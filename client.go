// client.go holds what a command sees of its caller: the reply writer (the
// output blocks and whether the last reply was an error), the protocol it
// speaks (RESP2 or RESP3), its id, name and authentication, and its
// mailbox for other goroutines (mailbox.go, block.go). A network
// connection (conn.go) has a client; so does the append-only file's replay
// (aof_load.go), whose writer discards. Handlers never see the socket.
package main

import (
	"net"
	"sync/atomic"
	"time"
)

// client is a command's view of its caller.
type client struct {
	srv *Server
	replies
	id      int64
	created time.Time
	name    string // CLIENT SETNAME
	authed  bool   // AUTH succeeded, or no password was set when it connected
	// addresses for CLIENT LIST and logs; nil for the append-only file
	raddr, laddr net.Addr

	// requests to the connection, acted on once the command returns
	closeAfter bool      // close once replies are written (QUIT, SHUTDOWN)
	hangUp     bool      // close at once, unanswered (a cross-protocol attack)
	blocked    *blockReq // wait, then answer (block.go)

	mbox     mailbox        // what other goroutines hand it: pushes, wake-ups
	pushable bool           // it takes pushes (enablePush): flush looks in mbox
	subs     *subscriptions // what it listens on (pubsub.go); nil: never subscribed

	// CLIENT REPLY (reply_mode.go)
	replyOff bool        // OFF: commands are not answered
	skipNext bool        // SKIP: the next command is not answered
	quiet    silencedOut // the output set aside while a command is silenced

	strs  []string // reusable scratch for list replies
	zadds zaddArgs // reusable scratch for ZADD's scores and members

	serving serving // blocked clients to serve after the command (block_keys.go)
	info    shown   // what CLIENT LIST on other connections reads (client_list.go)
	monitor bool    // MONITOR: sent every command run (monitor.go)
	// scriptCaller marks the client scripts run commands as (monitors
	// show it as "lua")
	scriptCaller bool
	redacted     []int // arguments the running command hid from monitors (AUTH's password)

	db     DB        // the selected database, as the running command sees it
	rec    logRec    // what the running command logged
	reads  readStats // lookups by read-only commands, not yet counted in Stats
	writes int       // writes done, not yet counted in Stats

	events []keyEvent // the running command's keyspace events (notify.go)

	// the transaction (multi.go)
	multi    bool        // between MULTI and EXEC
	queue    []queued    // the commands MULTI queued
	execErr  bool        // a command was refused while queueing: EXEC aborts
	execing  bool        // EXEC is running the queue (it holds the locks)
	txWrites int         // writes the last EXEC logged, under its locks
	dirtyCAS atomic.Bool // a WATCHed key changed: EXEC fails
	watching []*watched  // the keys WATCHed

	// timing for INFO commandstats with one clock read per command: the
	// time since the batch was read, at the end of the last request
	batchStart time.Time
	batchLRU   uint32       // batchStart's LRU clock, with lruKnown (0: not read)
	arrived    int64        // when the batch's bytes arrived, Unix ns (arrival.go)
	fresh      bool         // the batch's first request has yet to run
	orderedAt  atomic.Int64 // the arrival of an ordered request about to run (arrival.go); 0: none
	lastLap    time.Duration
}

// replies is a client's reply writer state (resp.go writes replies,
// outbuf.go keeps them): the current block, the full blocks before it, and
// what the last command answered.
type replies struct {
	out     []byte   // the current output block
	q       outQueue // the output before it
	resp    int      // protocol version: 2 or 3 (HELLO)
	failed  bool     // the last command's reply was an error
	errMsg  string   // ... and its message
	discard bool     // output is dropped as it is written (the append-only file's replay)
}

// newClient returns a client of s speaking RESP2, with addresses for logs
// and CLIENT LIST (nil for none).
func newClient(s *Server, raddr, laddr net.Addr) *client {
	c := &client{srv: s, replies: replies{resp: 2}, id: s.nextID.Add(1), created: time.Now(),
		authed: !s.hasPassword(), raddr: raddr, laddr: laddr}
	c.startBatch(c.created)
	c.rec.first = -1
	c.rec.on = s.aof() != nil
	c.db = DB{s: s.store, rec: &c.rec, ready: &c.serving.ready, arrived: &c.arrived, events: &c.events}
	c.info.init(c)
	return c
}

// peer is the client's address for logs.
func (c *client) peer() string { return addrString(c.raddr) }
