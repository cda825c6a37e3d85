// memory_limit.go holds maxmemory with Redis's noeviction policy: while
// the heap in use (INFO's used_memory) is above a non-zero maxmemory, the
// commands Redis flags denyoom (SET, LPUSH...) are refused with Redis's OOM
// error, and inside MULTI every command but EXEC, DISCARD, QUIT and RESET;
// reads and deletions still run. The heap figure is read through
// runtime/metrics (which does not stop the world) and cached: refreshed on
// each hz tick, by INFO and when maxmemory is set, so that checking a
// command costs two atomic loads. It lags the heap by at most one tick.
package main

import (
	"runtime/metrics"
	"strconv"
	"sync/atomic"
)

// errOOM is Redis's reply to a command refused for want of memory.
const errOOM = "OOM command not allowed when used memory > 'maxmemory'."

// memoryParams adds maxmemory and its companions. nosql never evicts:
// maxmemory-policy accepts noeviction only, and maxmemory-samples,
// maxmemory-eviction-tenacity and maxmemory-clients are checked and kept
// as Redis does, acting on nothing.
func memoryParams(add func(configParam)) {
	add(configParam{name: "maxmemory", check: unsignedMemoryValue,
		get:   func(s *Server) string { return strconv.FormatUint(s.conf.maxmemory.Load(), 10) },
		apply: (*Server).setMaxmemory})
	add(configParam{name: "maxmemory-policy", get: func(*Server) string { return "noeviction" },
		check: enumValue("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"),
		fixed: "nosql never evicts keys; only noeviction is accepted"})
	add(numParam("maxmemory-samples", integerValue(1, 1<<31-1), func(s *Server) *atomic.Int64 { return &s.conf.maxmemorySamples }))
	add(numParam("maxmemory-eviction-tenacity", integerValue(0, 100), func(s *Server) *atomic.Int64 { return &s.conf.evictionTenacity }))
	add(configParam{name: "maxmemory-clients", check: percentMemoryValue,
		get:   func(s *Server) string { return percentMemoryText(s.conf.maxmemoryClients.Load()) },
		apply: func(s *Server, n int64) { s.conf.maxmemoryClients.Store(n) }})
}

// setMaxmemory sets maxmemory (n holds an unsigned value's bits) and
// refreshes the heap figure, warning as Redis does when it is already
// above the new limit.
func (s *Server) setMaxmemory(n int64) {
	limit := uint64(n)
	s.conf.maxmemory.Store(limit)
	if used := s.noteUsedMemory(); limit != 0 && used > limit {
		s.log.Warn("the new maxmemory value is smaller than the current memory usage: commands that may take memory will be refused (maxmemory-policy noeviction)",
			"maxmemory", limit, "used_memory", used)
	}
}

// noteUsedMemory reads the bytes of live and not yet collected heap
// objects (runtime.MemStats.Alloc, INFO's used_memory), caches and
// returns them.
func (s *Server) noteUsedMemory() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return s.conf.usedMemory.Load()
	}
	used := sample[0].Value.Uint64()
	s.conf.usedMemory.Store(used)
	return used
}

// outOfMemory reports whether the cached heap figure is above a non-zero
// maxmemory.
func (s *Server) outOfMemory() bool {
	limit := s.conf.maxmemory.Load()
	return limit != 0 && s.conf.usedMemory.Load() > limit
}

// oomRefused reports whether Redis refuses cmd while out of memory: a
// denyoom command (EVAL by its script's flags), EXEC of a transaction
// holding one, and inside MULTI anything but EXEC, DISCARD, QUIT and
// RESET, since queueing takes memory too.
func (c *client) oomRefused(cmd *command, args [][]byte) bool {
	if c.srv.runFlags(cmd, args)&flagDenyOOM != 0 {
		return true
	}
	switch cmd.name {
	case "exec":
		return c.queuedFlags(flagDenyOOM)
	case "discard", "quit", "reset":
		return false
	}
	return c.multi
}
