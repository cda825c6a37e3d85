// config_state.go holds the CONFIG parameters that change while the server
// runs and that other parts read: hz, loglevel, notify-keyspace-events,
// busy-reply-threshold, save, the memory-encoding thresholds, maxmemory and
// key-load-delay, each with the accessor its reader uses, and the
// parameters nosql keeps only to report them.
package main

import (
	"log/slog"
	"sync"
	"sync/atomic"
)

// Redis's bounds on hz: CONFIG SET accepts 0 to INT_MAX and clamps.
const (
	minHz     = 1
	maxHz     = 500
	defaultHz = 10
)

// encodingLimits are Redis's memory-encoding thresholds (hash-max-listpack-
// entries and the others): the value kinds read them to choose a compact
// representation. One value is never changed; CONFIG SET stores a new one.
type encodingLimits struct {
	hashMaxListpackEntries, hashMaxListpackValue int64
	setMaxIntsetEntries                          int64
	zsetMaxListpackEntries, zsetMaxListpackValue int64
	listMaxListpackSize, listCompressDepth       int64
	streamNodeMaxBytes, streamNodeMaxEntries     int64
	hllSparseMaxBytes                            int64
}

// defaultEncodings are Redis 7.0's defaults.
var defaultEncodings = encodingLimits{
	hashMaxListpackEntries: 512, hashMaxListpackValue: 64,
	setMaxIntsetEntries:    512,
	zsetMaxListpackEntries: 128, zsetMaxListpackValue: 64,
	listMaxListpackSize: -2, listCompressDepth: 0,
	streamNodeMaxBytes: 4096, streamNodeMaxEntries: 100,
	hllSparseMaxBytes: 3000,
}

// runtimeConfig is the state of the parameters above.
type runtimeConfig struct {
	setMu     sync.Mutex // held by CONFIG SET: one at a time, all or nothing
	hz        atomic.Int64
	logLevel  atomic.Int64 // index in logLevels
	levelVar  *slog.LevelVar
	notify    atomic.Int64 // notify* flags
	busyReply atomic.Int64 // milliseconds
	save      atomic.Pointer[string]
	enc       atomic.Pointer[encodingLimits]

	maxmemory  atomic.Uint64 // bytes; 0: no limit (memory_limit.go)
	usedMemory atomic.Uint64 // the heap figure maxmemory is compared with, refreshed on the hz tick
	// kept for CONFIG GET with Redis's checks: nosql has nothing they act
	// on (no replication, no eviction, no client eviction)
	replBacklogSize, maxmemorySamples, evictionTenacity, maxmemoryClients atomic.Int64
	keyLoadDelay                                                          atomic.Int64 // microseconds slept per key loaded from the log (aof_load.go)
}

// init sets the defaults, and loglevel from the logger's level.
func (rc *runtimeConfig) init(cfg Config) {
	rc.hz.Store(defaultHz)
	rc.busyReply.Store(5000)
	rc.replBacklogSize.Store(1 << 20)
	rc.maxmemorySamples.Store(5)
	rc.evictionTenacity.Store(10)
	empty := ""
	rc.save.Store(&empty)
	enc := defaultEncodings
	rc.enc.Store(&enc)
	rc.levelVar = cfg.LogLevel
	rc.logLevel.Store(noticeLevel)
	if rc.levelVar != nil {
		rc.logLevel.Store(redisLevel(rc.levelVar.Level()))
	}
}

// hz is how many times a second background work (active expiry) runs.
func (s *Server) hz() int { return int(s.conf.hz.Load()) }

// encodings returns the encoding thresholds in force; the caller must not
// change them.
func (s *Server) encodings() *encodingLimits { return s.conf.enc.Load() }

// notifyFlags returns notify-keyspace-events as notify* flags.
func (s *Server) notifyFlags() int { return int(s.conf.notify.Load()) }

// busyReplyThreshold returns busy-reply-threshold in milliseconds.
func (s *Server) busyReplyThreshold() int64 { return s.conf.busyReply.Load() }

// setEncoding stores a copy of the thresholds with one changed by set;
// CONFIG SET holds setMu, so no change is lost.
func (s *Server) setEncoding(set func(*encodingLimits)) {
	e := *s.conf.enc.Load()
	set(&e)
	s.conf.enc.Store(&e)
}

// logLevels are Redis's log levels in order, each with the slog level
// nosql's logger is set to for it (verbose sits between Debug and Info).
var logLevels = [...]struct {
	name  string
	level slog.Level
}{{"debug", slog.LevelDebug}, {"verbose", slog.LevelDebug + 2}, {"notice", slog.LevelInfo}, {"warning", slog.LevelWarn}}

const noticeLevel = 2 // index of "notice" in logLevels

// redisLevel is the Redis level showing what slog level l shows.
func redisLevel(l slog.Level) int64 {
	for i, ll := range logLevels {
		if l <= ll.level {
			return int64(i)
		}
	}
	return int64(len(logLevels) - 1)
}

// setLogLevel sets loglevel to logLevels[i], and the logger's level with it.
func (s *Server) setLogLevel(i int64) {
	s.conf.logLevel.Store(i)
	if s.conf.levelVar != nil {
		s.conf.levelVar.Set(logLevels[i].level)
	}
}
