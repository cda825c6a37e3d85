// script.go holds the scripting engine behind EVAL: the script cache (SHA1
// of the body → compiled function and its shebang flags), one Lua
// interpreter per server (internal/lua), and the state of the script
// running, which other connections read without locks: BUSY replies once
// it has run past busy-reply-threshold, and SCRIPT KILL's request.
package main

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"nosql/internal/lua"
	"nosql/internal/splitargs"
)

// defaultScriptMemLimit is how much a script may grow the heap: past it,
// the script is stopped (Redis has no such limit; nosql's rule is that no
// client makes the server allocate without bound).
const defaultScriptMemLimit = 1 << 30

// script flags from a "#!lua flags=..." shebang, as Redis 7.0 names them.
const (
	scriptNoWrites = 1 << iota
	scriptAllowOOM
	scriptAllowStale
	scriptNoCluster
	scriptAllowCrossSlot
	scriptCompat // no shebang: EVAL's compatibility mode
)

var scriptFlagNames = map[string]int{
	"no-writes": scriptNoWrites, "allow-oom": scriptAllowOOM, "allow-stale": scriptAllowStale,
	"no-cluster": scriptNoCluster, "allow-cross-slot-keys": scriptAllowCrossSlot,
}

// script is one cached script, or one function of a library (FCALL).
type script struct {
	sha      string // the SHA1 of a script; a function's name
	body     string // a script's source
	desc     string // a function's description
	flags    int
	fn       *lua.Closure
	function bool
}

// scripting is a server's scripting engine.
type scripting struct {
	mu    sync.Mutex
	cache map[string]*script // by SHA1 (lower-case hex)
	size  int64              // bytes of the cached bodies

	// L runs scripts; EVAL holds every shard, so one script runs at a time
	// and what follows is only used under those locks
	L      *lua.State
	FL     *lua.State // the interpreter functions run in
	LS     *lua.State // the one FUNCTION LOAD runs libraries' code in, under loadMu
	run    *scriptRun // the script running; nil between scripts
	client *client    // the client redis.call runs commands as
	// the function libraries (script_function.go), under mu
	libs map[string]*library

	isEval  atomic.Bool // the running script is EVAL's, not a function
	loadMu  sync.Mutex  // FUNCTION LOAD runs a library's code in FL, holding no shard
	loading *loading    // the library FUNCTION LOAD is running the code of

	// the running script, read by other connections
	started atomic.Int64 // Unix nanoseconds its run began; 0: none runs
	killed  atomic.Bool  // SCRIPT KILL asked it to stop
	wrote   atomic.Bool  // it has written: it cannot be killed
	slowLog atomic.Bool  // the slow script warning was logged

	// memLimit bounds how much the live heap may grow while a script runs
	// (checked by the hook); heapAtStart is the live heap when it began
	memLimit    atomic.Int64
	heapAtStart int64
}

// sha1hex returns the lower-case hex SHA1 of s.
func sha1hex(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// newScripting returns a server's engine, with an empty cache.
func newScripting(s *Server) *scripting {
	e := &scripting{cache: make(map[string]*script), libs: make(map[string]*library)}
	e.memLimit.Store(defaultScriptMemLimit)
	e.L = e.newState(s, "user_script", false)
	e.FL = e.newState(s, "user_function", false)
	e.LS = e.newState(s, "user_function", true)
	return e
}

// lookup returns the cached script with a SHA1 (any case), or nil.
func (e *scripting) lookup(sha string) *script {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cache[strings.ToLower(sha)]
}

// load compiles and caches a body (once), or returns the error reply.
func (e *scripting) load(body string) (*script, string) {
	sha := sha1hex(body)
	if sc := e.lookup(sha); sc != nil {
		return sc, ""
	}
	flags, shebangLen, errMsg := shebangFlags(body)
	if errMsg != "" {
		return nil, errMsg
	}
	// the shebang line is skipped, its newline kept: line numbers hold
	fn, err := lua.Compile(body[shebangLen:], "user_script")
	if err != nil {
		return nil, "ERR Error compiling script (new function): " + err.Error()
	}
	sc := &script{sha: sha, body: body, flags: flags, fn: fn}
	e.mu.Lock()
	defer e.mu.Unlock()
	if old := e.cache[sha]; old != nil {
		return old, ""
	}
	e.cache[sha] = sc
	e.size += int64(len(body) + len(sha))
	return sc, ""
}

// flush empties the cache.
func (e *scripting) flush() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.cache = make(map[string]*script)
	e.size = 0
}

// count returns the number of cached scripts and their bytes.
func (e *scripting) count() (int, int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.cache), e.size
}

// shebangFlags reads a "#!lua flags=a,b" first line: the flags, the
// line's length (without its newline), or Redis's error for a bad one.
func shebangFlags(body string) (flags, n int, errMsg string) {
	if !strings.HasPrefix(body, "#!") {
		return scriptCompat, 0, ""
	}
	n = strings.IndexByte(body, '\n')
	if n < 0 {
		return 0, 0, "ERR Invalid script shebang"
	}
	parts, ok := splitArgs(body[:n])
	if !ok || len(parts) == 0 {
		return 0, 0, "ERR Invalid engine in script shebang"
	}
	if parts[0] != "#!lua" {
		return 0, 0, "ERR Unexpected engine in script shebang: " + parts[0]
	}
	for _, p := range parts[1:] {
		list, found := strings.CutPrefix(p, "flags=")
		if !found {
			return 0, 0, "ERR Unknown lua shebang option: " + p
		}
		if list == "" {
			continue
		}
		for _, f := range strings.Split(list, ",") {
			bit, known := scriptFlagNames[f]
			if !known {
				return 0, 0, "ERR Unexpected flag in script shebang: " + f
			}
			flags |= bit
		}
	}
	return flags, n, ""
}

// splitArgs splits a "#!..." first line into words as Redis does
// (sdssplitargs), false when a quote is unbalanced.
func splitArgs(line string) ([]string, bool) {
	words, ok := splitargs.Split(nil, []byte(line))
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = string(w)
	}
	return out, ok
}

// busy reports whether a script has run past busy-reply-threshold: other
// clients' commands are then refused with BUSY.
func (s *Server) scriptBusy() bool {
	e := s.scripting
	start := e.started.Load()
	limit := s.busyReplyThreshold()
	return start != 0 && limit > 0 && time.Now().UnixNano()-start > limit*int64(time.Millisecond)
}

// errBusyScript is what other clients are answered while a script is
// busy, errBusyFunction while a function is.
const (
	errBusyScript   = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE."
	errBusyFunction = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE."
)

// busyError is the BUSY reply for the script running.
func (s *Server) busyError() string {
	if s.scripting.isEval.Load() {
		return errBusyScript
	}
	return errBusyFunction
}

// luaVMBytes stands for an interpreter's memory in INFO: Go's allocator
// does not tell one interpreter's share, so this is the size of a fresh
// Lua 5.1 state, as Redis reports right after starting.
const luaVMBytes = 32768

// appendMemoryInfo adds INFO memory's scripting fields.
func (e *scripting) appendMemoryInfo(dst []byte) []byte {
	e.mu.Lock()
	scripts, size := len(e.cache), e.size
	libs, funcs, funcBytes := len(e.libs), 0, int64(0)
	for _, l := range e.libs {
		funcs += len(l.funcs)
		funcBytes += int64(len(l.code))
	}
	e.mu.Unlock()
	dst = infoInt(dst, "used_memory_lua", luaVMBytes)
	dst = infoInt(dst, "used_memory_vm_eval", luaVMBytes)
	dst = infoField(dst, "used_memory_lua_human", bytesToHuman(luaVMBytes))
	dst = infoInt(dst, "used_memory_scripts_eval", size)
	dst = infoInt(dst, "number_of_cached_scripts", int64(scripts))
	dst = infoInt(dst, "number_of_functions", int64(funcs))
	dst = infoInt(dst, "number_of_libraries", int64(libs))
	dst = infoInt(dst, "used_memory_vm_functions", luaVMBytes)
	dst = infoInt(dst, "used_memory_vm_total", 2*luaVMBytes)
	dst = infoField(dst, "used_memory_vm_total_human", bytesToHuman(2*luaVMBytes))
	dst = infoInt(dst, "used_memory_functions", funcBytes)
	dst = infoInt(dst, "used_memory_scripts", size+funcBytes)
	return infoField(dst, "used_memory_scripts_human", bytesToHuman(uint64(size+funcBytes)))
}
