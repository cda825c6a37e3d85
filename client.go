// client.go holds what a command sees of its caller: the reply writer (the
// output blocks and whether the last reply was an error), the protocol it
// speaks (RESP2 or RESP3), its id, name and authentication, and its
// mailbox for other goroutines (mailbox.go, block.go). A network
// connection (conn.go) has a client; so does the append-only file's replay
// (aof_load.go), whose writer discards. Handlers never see the socket.
package main

import (
	"net"
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

	mbox     mailbox // what other goroutines hand it: pushes, wake-ups
	pushable bool    // it takes pushes (enablePush): flush looks in mbox

	strs []string // reusable scratch for list replies
	// to come: the selected database, the transaction state
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
	return &client{srv: s, replies: replies{resp: 2}, id: s.nextID.Add(1), created: time.Now(),
		authed: !s.hasPassword(), raddr: raddr, laddr: laddr}
}

// peer is the client's address for logs.
func (c *client) peer() string { return addrString(c.raddr) }
