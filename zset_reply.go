// zset_reply.go writes the replies of the sorted-set commands: a score as
// Redis 7.0 writes a double (a bulk string under RESP2, RESP3's double),
// and members with their scores, flat under RESP2 and as [member, score]
// pairs under RESP3, as Redis nests them.
package main

import "nosql/internal/scoretext"

// writeDouble writes a score reply.
func (c *client) writeDouble(f float64) {
	c.room(maxHeader + 32)
	if c.resp == 3 {
		c.out = append(c.out, ',')
		c.out = scoretext.Append17(c.out, f)
		c.out = append(c.out, '\r', '\n')
		return
	}
	var buf [32]byte
	c.writeBulk(scoretext.Append17(buf[:0], f))
}

// writeScoredHeader writes the header of n members, with their scores
// when withScores: 2n elements under RESP2, n pairs under RESP3.
func (c *client) writeScoredHeader(n int, withScores bool) {
	if withScores && c.resp != 3 {
		n *= 2
	}
	c.writeArray(n)
}

// writeScored writes one member, and its score when withScores (a pair
// under RESP3).
func (c *client) writeScored(e zentry, withScores bool) {
	if !withScores {
		c.writeBulkString(e.Member)
		return
	}
	if c.resp == 3 {
		c.writeArray(2)
	}
	c.writeBulkString(e.Member)
	c.writeDouble(e.Score)
}
