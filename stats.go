// stats.go holds the server's counters: success/error per semicolon-protocol
// command (STATS) and calls, time and failures per RESP command (INFO
// commandstats), all updated atomically.
package main

import (
	"strconv"
	"sync/atomic"
)

// textCommands is the semicolon protocol's command set in STATS order.
var textCommands = [...]string{"PUT", "GET", "GETLIST", "PUTLIST", "INCREMENT", "APPEND", "DELETE", "STATS"}

// textCounter is one STATS row.
type textCounter struct{ success, error atomic.Int64 }

// cmdCounter is one INFO commandstats row.
type cmdCounter struct {
	calls, nsec, failed, rejected atomic.Int64
}

// Stats holds a server's counters.
type Stats struct {
	text        [len(textCommands)]textCounter
	cmds        []cmdCounter // indexed by command.id
	connections atomic.Int64 // total accepted
	commands    atomic.Int64 // total processed, both protocols
	rejected    atomic.Int64 // connections refused (max clients)
	dirty       atomic.Int64 // writes done (INFO's rdb_changes_since_last_save)
}

func newStats(ncmds int) *Stats { return &Stats{cmds: make([]cmdCounter, ncmds)} }

// countText records the outcome of text command i.
func (st *Stats) countText(i int, ok bool) {
	if ok {
		st.text[i].success.Add(1)
	} else {
		st.text[i].error.Add(1)
	}
}

// appendTextStats appends the STATS table as a Python dict literal.
func (st *Stats) appendTextStats(dst []byte) []byte {
	dst = append(dst, '{')
	for i, name := range textCommands {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, '\'')
		dst = append(dst, name...)
		dst = append(dst, "': {'success': "...)
		dst = strconv.AppendInt(dst, st.text[i].success.Load(), 10)
		dst = append(dst, ", 'error': "...)
		dst = strconv.AppendInt(dst, st.text[i].error.Load(), 10)
		dst = append(dst, '}')
	}
	return append(dst, '}')
}
