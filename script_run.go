// script_run.go runs one script for EVAL: its checks (shebang flags, *_RO),
// KEYS and ARGV, the hook that notices SCRIPT KILL, the conversion of what
// it returns or raises into the caller's reply, and logging its writes as
// one unit (wrapped in MULTI/EXEC when there are several, as Redis
// propagates a script's effects).
package main

import (
	"log/slog"
	"math"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"

	"nosql/internal/lua"
)

// scriptRun is the script running: who called it and how.
type scriptRun struct {
	caller   *client
	sc       *script
	readOnly bool    // no-writes or *_RO: write commands are refused
	client   *client // the client redis.call runs commands as
}

// killedError is what a script stopped by SCRIPT KILL raises.
const killedError = "ERR Script killed by user with SCRIPT KILL..."

// runScript runs sc (a script, or a function for FCALL) with keys and
// argv for c; ro says EVAL_RO, EVALSHA_RO or FCALL_RO.
// The caller (EVAL, under every shard's lock) writes nothing else.
func (c *client) runScript(sc *script, keys, argv [][]byte, ro bool) {
	e := c.srv.scripting
	if sc.function && !c.srv.functionExists(sc) {
		c.writeError("ERR Function not found")
		return
	}
	if sc.flags&scriptCompat == 0 && sc.flags&scriptNoWrites == 0 {
		if err := c.srv.writeError(); err != nil {
			c.writeError("MISCONF Errors writing to the append-only file: " + err.Error() + ". Writable scripts are blocked. Use 'no-writes' flag for read only scripts.")
			return
		}
		if ro {
			c.writeError("ERR Can not execute a script with write flag using *_ro command.")
			return
		}
	}
	run := &scriptRun{caller: c, sc: sc, client: e.scriptClient(c),
		readOnly: ro || sc.flags&scriptCompat == 0 && sc.flags&scriptNoWrites != 0}
	L, source, callArgs := e.L, "@user_script", []lua.Value(nil)
	if sc.function {
		L, source = e.FL, "@user_function"
		callArgs = []lua.Value{argsTable(keys), argsTable(argv)}
	} else {
		L.Globals.Set("KEYS", argsTable(keys))
		L.Globals.Set("ARGV", argsTable(argv))
	}
	e.run = run
	e.isEval.Store(!sc.function)
	e.killed.Store(false)
	e.wrote.Store(false)
	e.slowLog.Store(false)
	start := time.Now()
	e.heapAtStart = liveHeap()
	e.started.Store(start.UnixNano())
	L.Hook = func() error { return e.hook(c.srv, sc.sha, start) }
	defer func() { // whatever happens, no script runs any more
		e.started.Store(0)
		e.run, L.Hook = nil, nil
	}()
	rets, err := L.Call(sc.fn, callArgs...)
	run.client.countStats() // its lookups count in INFO's keyspace hits and misses
	if err != nil {
		c.writeError(scriptErrorText(err, sc.sha, source))
	} else {
		var v lua.Value
		if len(rets) > 0 {
			v = rets[0]
		}
		c.writeLuaReply(v, run.client.resp, 0)
	}
	if !c.execing { // EXEC logs its commands' records as one unit itself
		c.txWrites = c.commit(c.rec.n > 1)
	}
}

// scriptClient returns the client redis.call runs commands as, in the
// caller's database, speaking RESP2 until redis.setresp.
func (e *scripting) scriptClient(caller *client) *client {
	if e.client == nil {
		e.client = newClient(caller.srv, nil, nil)
		e.client.execing = true // no locks (EVAL holds them all), no log commit of its own
		e.client.authed = true
		e.client.scriptCaller = true
	}
	sc := e.client
	sc.resp = 2
	sc.db = DB{s: caller.srv.store, n: caller.db.n, rec: &caller.rec, ready: &caller.serving.ready, now: time.Now().UnixMilli()}
	return sc
}

// hook runs every few thousand steps of a script: it stops a killed
// script and logs, once, one that runs past busy-reply-threshold.
func (e *scripting) hook(s *Server, sha string, start time.Time) error {
	if s.closing.Load() || s.shutdownAsked() {
		t := lua.NewTable(0, 1)
		t.Set("err", "ERR Script stopped: the server is shutting down")
		return &lua.Error{Value: t}
	}
	if e.killed.Load() {
		s.log.Warn("Lua script killed by user with SCRIPT KILL.")
		t := lua.NewTable(0, 1)
		t.Set("err", killedError)
		return &lua.Error{Value: t}
	}
	if limit := e.memLimit.Load(); liveHeap() > e.heapAtStart+limit {
		t := lua.NewTable(0, 1)
		t.Set("err", "ERR Script used too much memory: more than "+strconv.FormatInt(limit>>20, 10)+" MB since it started")
		return &lua.Error{Value: t}
	}
	if limit := s.busyReplyThreshold(); limit > 0 && !e.slowLog.Load() && time.Since(start) > time.Duration(limit)*time.Millisecond {
		e.slowLog.Store(true)
		s.log.Warn("Slow script detected: still in execution after "+strconv.FormatInt(time.Since(start).Milliseconds(), 10)+
			" milliseconds. You can try killing the script using the SCRIPT KILL command.", slog.String("script", sha))
	}
	return nil
}

// liveHeap returns the heap's live bytes at the last garbage collection
// (cheap to read: no stop of the world).
func liveHeap() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}

// shutdownAsked reports whether SHUTDOWN was requested.
func (s *Server) shutdownAsked() bool {
	select {
	case <-s.stopReq:
		return true
	default:
		return false
	}
}

// argsTable makes KEYS or ARGV.
func argsTable(args [][]byte) *lua.Table {
	t := lua.NewTable(len(args), 0)
	for i, a := range args {
		t.SetInt(i+1, string(a))
	}
	return t
}

// scriptErrorText is the reply to a script that raised an error, as
// Redis's error handler and luaCallFunction compose it: the error's text
// (a string gets "ERR " before it), the script's SHA1 and the line.
func scriptErrorText(err error, name, source string) string {
	le, ok := err.(*lua.Error)
	if !ok {
		return "ERR " + err.Error()
	}
	msg := ""
	switch v := le.Value.(type) {
	case *lua.Table:
		s, ok := lua.ToString(v.Get("err"))
		if !ok {
			s = "ERR unknown error"
		}
		msg = s
	default:
		msg = "ERR " + lua.Tostring(v) // the error handler's tostring(err)
	}
	return msg + " script: " + name + ", on " + source + ":" + strconv.Itoa(le.Line) + "."
}

// maxReplyDepth bounds the nesting of a script's reply, as Lua's stack
// limit does in Redis.
const maxReplyDepth = 1000

// writeLuaReply writes what a script returned, converted as Redis's
// luaReplyToRedisReply does; resp is the script client's protocol
// (redis.setresp), which decides how booleans go out.
func (c *client) writeLuaReply(v lua.Value, resp, depth int) {
	if depth > maxReplyDepth {
		c.writeError("ERR reached lua stack limit")
		return
	}
	switch x := v.(type) {
	case string:
		c.writeBulkString(x)
	case bool:
		switch {
		case resp == 3 && c.resp == 3:
			if x {
				c.writeConst("#t\r\n")
			} else {
				c.writeConst("#f\r\n")
			}
		case resp == 3:
			c.writeBool(x)
		case x:
			c.writeInt(1)
		default:
			c.writeNull()
		}
	case float64:
		c.writeInt(luaToInt(x))
	case *lua.Table:
		c.writeLuaTable(x, resp, depth)
	default:
		c.writeNull()
	}
}

// luaToInt converts a number as C's (long long) cast does on x86-64.
func luaToInt(f float64) int64 {
	if f != f || f >= 1<<63 || f < -(1<<63) {
		return -1 << 63
	}
	return int64(f)
}

// writeLuaTable writes a table: an error, a status, a RESP3 type, or an
// array of its items 1..n up to the first nil.
func (c *client) writeLuaTable(t *lua.Table, resp, depth int) {
	if s, ok := t.Get("err").(string); ok {
		c.writeError(s)
		return
	}
	if s, ok := t.Get("ok").(string); ok {
		c.writeSimple(strings.NewReplacer("\r", " ", "\n", " ").Replace(s))
		return
	}
	if f, ok := t.Get("double").(float64); ok {
		if math.IsInf(f, 0) || math.IsNaN(f) { // as C's %.17g prints them
			if c.resp == 3 {
				putOut(c, ","+lua.FormatNumber(f)+"\r\n")
			} else {
				c.writeBulkString(lua.FormatNumber(f))
			}
			return
		}
		c.writeDouble(f)
		return
	}
	if s, ok := t.Get("big_number").(string); ok {
		if c.resp == 3 {
			putOut(c, "("+s+"\r\n")
		} else {
			c.writeBulkString(s)
		}
		return
	}
	if vt, ok := t.Get("verbatim_string").(*lua.Table); ok {
		f, ok1 := vt.Get("format").(string)
		s, ok2 := vt.Get("string").(string)
		if ok1 && ok2 {
			c.writeVerbatimFormat(f, s)
			return
		}
	}
	if m, ok := t.Get("map").(*lua.Table); ok {
		n := 0
		for k, _, _ := m.Next(nil); k != nil; k, _, _ = m.Next(k) {
			n++
		}
		c.writeMap(n)
		for k, v, _ := m.Next(nil); k != nil; k, v, _ = m.Next(k) {
			c.writeLuaReply(k, resp, depth+1)
			c.writeLuaReply(v, resp, depth+1)
		}
		return
	}
	if set, ok := t.Get("set").(*lua.Table); ok {
		n := 0
		for k, _, _ := set.Next(nil); k != nil; k, _, _ = set.Next(k) {
			n++
		}
		c.writeSet(n)
		for k, _, _ := set.Next(nil); k != nil; k, _, _ = set.Next(k) {
			c.writeLuaReply(k, resp, depth+1)
		}
		return
	}
	n := 0
	for t.GetInt(n+1) != nil {
		n++
	}
	c.writeArray(n)
	for i := 1; i <= n; i++ {
		c.writeLuaReply(t.GetInt(i), resp, depth+1)
	}
}

// writeVerbatimFormat writes a RESP3 verbatim string of a format (RESP2:
// a bulk string).
func (c *client) writeVerbatimFormat(format, s string) {
	if c.resp != 3 || len(format) != 3 {
		c.writeBulkString(s)
		return
	}
	putOut(c, "="+strconv.Itoa(len(s)+4)+"\r\n"+format+":")
	putOut(c, s)
	c.crlf()
}
