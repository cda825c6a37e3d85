// block_stream.go lets XREAD and XREADGROUP with BLOCK wait for entries.
// Until the blocking mechanism for keys is in, BLOCK answers as a timeout
// at once, as it does inside MULTI.
package main

// mayBlockStream reports whether XREAD/XREADGROUP BLOCK may wait.
func (c *client) mayBlockStream() bool { return false }

// blockXRead makes the client wait for entries on r's streams.
func (c *client) blockXRead(r *xreadReq) {}

// streamGroupGone wakes the readers blocked on a group just destroyed.
func (c *client) streamGroupGone(key []byte) {}
