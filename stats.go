// stats.go holds the server's counters: success/error per semicolon-protocol
// command (STATS), calls, time and failures per RESP command (INFO
// commandstats), error replies by code (INFO errorstats) and the other
// INFO counters, all updated atomically.
package main

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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

	// Counted by the keyspace: reads that found their key or did not.
	hits, misses atomic.Int64
	// changes is rdb_changes_since_last_save: writes that changed data
	// since start (Server.dirty); CONFIG RESETSTAT leaves it.
	changes atomic.Int64

	errorReplies atomic.Int64 // total_error_replies
	errMu        sync.Mutex
	errCodes     map[string]int64 // error replies by code (ERR, WRONGTYPE, ...)
	peakMemory   atomic.Uint64    // the most used_memory INFO has seen
	ops          opsSampler
}

// maxErrorCodes bounds INFO errorstats: past this many codes, new codes
// are counted in total_error_replies only (Redis 7.2 stops at 128 too).
const maxErrorCodes = 128

func newStats(ncmds int) *Stats { return &Stats{cmds: make([]cmdCounter, ncmds)} }

// dirty counts n changes to the data, as Redis's server.dirty: the
// dispatcher calls it for each write that changed something.
func (s *Server) dirty(n int) { s.stats.changes.Add(int64(n)) }

// countText records the outcome of text command i.
func (st *Stats) countText(i int, ok bool) {
	if ok {
		st.text[i].success.Add(1)
	} else {
		st.text[i].error.Add(1)
	}
}

// countError counts an error reply under its code: the first word of msg,
// as Redis takes it (a code not ending within 31 bytes counts as ERR).
func (st *Stats) countError(msg string) {
	st.errorReplies.Add(1)
	code := "ERR"
	if i := strings.IndexByte(msg[:min(len(msg), 31)], ' '); i >= 0 {
		code = msg[:i]
	}
	st.errMu.Lock()
	if _, ok := st.errCodes[code]; ok || len(st.errCodes) < maxErrorCodes {
		if st.errCodes == nil {
			st.errCodes = map[string]int64{}
		}
		st.errCodes[code]++
	}
	st.errMu.Unlock()
}

// appendErrorStats appends an errorstat_CODE:count=N line per error code,
// in byte order.
func (st *Stats) appendErrorStats(dst []byte) []byte {
	st.errMu.Lock()
	codes := make([]string, 0, len(st.errCodes))
	for code := range st.errCodes {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		dst = append(dst, "errorstat_"...)
		dst = append(dst, code...)
		dst = append(dst, ":count="...)
		dst = strconv.AppendInt(dst, st.errCodes[code], 10)
		dst = append(dst, "\r\n"...)
	}
	st.errMu.Unlock()
	return dst
}

// reset zeroes the counters INFO reports, as CONFIG RESETSTAT does;
// rdb_changes_since_last_save stays.
func (st *Stats) reset() {
	for _, n := range []*atomic.Int64{&st.connections, &st.commands, &st.rejected, &st.hits, &st.misses, &st.errorReplies} {
		n.Store(0)
	}
	for i := range st.cmds {
		cs := &st.cmds[i]
		cs.calls.Store(0)
		cs.nsec.Store(0)
		cs.failed.Store(0)
		cs.rejected.Store(0)
	}
	st.errMu.Lock()
	st.errCodes = nil
	st.errMu.Unlock()
	st.peakMemory.Store(0)
	st.ops.reset(time.Now())
}

// opsSampler computes instantaneous_ops_per_sec from samples of the
// command count taken when INFO asks (at most one per 100 ms, the last 16
// kept): the rate since the oldest sample between 100 ms and 2 s old, or
// else since the latest older one (INFO was not asked meanwhile), or else
// since the count was zero.
type opsSampler struct {
	mu     sync.Mutex
	origin time.Time // when the count was last zero; zero: the server's start
	at     [16]time.Time
	count  [16]int64
	n      int // samples kept, the newest at (n-1) % 16
}

const opsSampleEvery = 100 * time.Millisecond

// rate returns the commands per second ending now, given the count total
// now and the server's start.
func (o *opsSampler) rate(now time.Time, total int64, started time.Time) int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	baseAt, base := o.origin, int64(0)
	if baseAt.IsZero() {
		baseAt = started
	}
	pick := -1
	for i := o.n - 1; i >= max(0, o.n-len(o.at)); i-- {
		age := now.Sub(o.at[i%len(o.at)])
		if age > 2*time.Second {
			if pick < 0 {
				pick = i
			}
			break
		}
		if age >= opsSampleEvery {
			pick = i
		}
	}
	if pick >= 0 {
		baseAt, base = o.at[pick%len(o.at)], o.count[pick%len(o.at)]
	}
	if o.n == 0 || now.Sub(o.at[(o.n-1)%len(o.at)]) >= opsSampleEvery {
		o.at[o.n%len(o.at)], o.count[o.n%len(o.at)] = now, total
		o.n++
	}
	el := now.Sub(baseAt)
	if el < time.Millisecond || total <= base {
		return 0
	}
	return int64(float64(total-base) / el.Seconds())
}

// reset forgets the samples: the count restarts from zero at now.
func (o *opsSampler) reset(now time.Time) {
	o.mu.Lock()
	o.origin, o.n = now, 0
	o.mu.Unlock()
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
