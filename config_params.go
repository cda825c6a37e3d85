// config_params.go holds the table of CONFIG parameters: for each, how
// CONFIG GET reads it, how CONFIG SET checks a value and how it sets it.
// The parameters nosql reports are its limits and access settings, the
// parameters of config_state.go (hz, loglevel, notify-keyspace-events,
// busy-reply-threshold, save, the memory-encoding thresholds, maxmemory
// and its companions), its listening port and address, and its
// persistence settings.
package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
)

// configParam is one CONFIG parameter. Redis's old names (…-ziplist-…,
// lua-time-limit) are parameters of their own, as in Redis 7.0.
type configParam struct {
	name string
	get  func(s *Server) string
	// check parses and checks a new value, returning Redis's error text
	// when it is refused; nil means the parameter cannot be set.
	check func(v string) (int64, string)
	// apply sets a checked value; nil means it is accepted and ignored.
	apply func(s *Server, n int64)
	// applyText sets a checked value that is not one number.
	applyText func(s *Server, v string)
	// tryApply sets a checked value whose effect can fail (moving the
	// listener, opening the append-only file): it returns Redis's error
	// text, having changed nothing, when it did not take effect.
	tryApply func(s *Server, n int64, v string) string
	// fixed, when set, says why nosql cannot change the parameter while
	// it runs (Redis can): setting it to its current value is accepted.
	fixed string
	// hidden parameters (key-load-delay) are listed by CONFIG GET only
	// when named, never by a pattern, as Redis's HIDDEN_CONFIG.
	hidden bool
}

// configParams returns nosql's CONFIG parameters.
func configParams() []configParam {
	constant := func(v string) func(*Server) string { return func(*Server) string { return v } }
	var params []configParam
	add := func(p configParam) { params = append(params, p) }
	aliased := func(alias string, p configParam) {
		add(p)
		p.name = alias
		add(p)
	}

	add(numParam("proto-max-bulk-len", memoryValue(1<<20, honouredLimit()), func(s *Server) *atomic.Int64 { return &s.set.protoMaxBulkLen }))
	add(numParam("client-query-buffer-limit", memoryValue(1<<20, honouredLimit()), func(s *Server) *atomic.Int64 { return &s.set.queryBufferLimit }))
	add(numParam("max-request", memoryValue(1, honouredLimit()), func(s *Server) *atomic.Int64 { return &s.set.maxRequest }))
	add(configParam{name: "client-output-buffer-limit", check: checkOutputLimits,
		get:       func(s *Server) string { return s.set.outputLimits().String() },
		applyText: func(s *Server, v string) { s.set.setOutputLimits(v) }})

	add(numParam("maxclients", checkMaxClients, func(s *Server) *atomic.Int64 { return &s.set.maxClients }))
	add(numParam("timeout", integerValue(0, 1<<31-1), func(s *Server) *atomic.Int64 { return &s.set.timeout }))
	add(numParam("tcp-keepalive", integerValue(0, 1<<31-1), func(s *Server) *atomic.Int64 { return &s.set.keepAlive }))
	add(configParam{name: "protected-mode", check: boolValue,
		get:   func(s *Server) string { return yesNo(s.set.protectedMode.Load()) },
		apply: func(s *Server, n int64) { s.set.protectedMode.Store(n == 1) }})
	add(configParam{name: "requirepass", check: func(string) (int64, string) { return 0, "" },
		get: (*Server).passwordText, applyText: (*Server).setPassword})

	add(configParam{name: "hz", check: integerValue(0, 1<<31-1), // clamped, as Redis does
		get:   func(s *Server) string { return formatInt(int64(s.hz())) },
		apply: func(s *Server, n int64) { s.conf.hz.Store(min(max(n, minHz), maxHz)) }})
	add(configParam{name: "loglevel", check: enumValue("debug", "verbose", "notice", "warning"),
		get:   func(s *Server) string { return logLevels[s.conf.logLevel.Load()].name },
		apply: (*Server).setLogLevel})
	add(configParam{name: "notify-keyspace-events", check: checkNotify,
		get:   func(s *Server) string { return notifyText(s.notifyFlags()) },
		apply: func(s *Server, n int64) { s.conf.notify.Store(n) }})
	aliased("lua-time-limit", configParam{name: "busy-reply-threshold", check: integerValue(0, maxInt64),
		get:   func(s *Server) string { return formatInt(s.busyReplyThreshold()) },
		apply: func(s *Server, n int64) { s.conf.busyReply.Store(n) }})
	add(configParam{name: "save", check: checkSave,
		get:       func(s *Server) string { return *s.conf.save.Load() },
		applyText: func(s *Server, v string) { t := canonicalSave(v); s.conf.save.Store(&t) }})

	add(configParam{name: "appendonly", check: boolValue, get: func(s *Server) string { return yesNo(s.aof() != nil) },
		tryApply: func(s *Server, n int64, _ string) string { return s.switchAOF(n) }})
	add(configParam{name: "appendfsync", check: enumValue("everysec", "always", "no"), get: func(s *Server) string { return s.cfg.AppendFsync },
		fixed: "nosql cannot change the fsync policy while running; restart it with -appendfsync"})
	add(configParam{name: "auto-aof-rewrite-percentage", check: integerValue(0, 1<<31-1),
		get:   func(s *Server) string { return formatInt(s.cfg.AutoAOFRewritePercentage) },
		fixed: "nosql cannot change it while running; restart it with -auto-aof-rewrite-percentage"})
	add(configParam{name: "auto-aof-rewrite-min-size", check: memoryValue(0, maxInt64),
		get:   func(s *Server) string { return formatInt(s.cfg.AutoAOFRewriteMinSize) },
		fixed: "nosql cannot change it while running; restart it with -auto-aof-rewrite-min-size"})
	memoryParams(add)
	listenParams(add)
	add(configParam{name: "dir", get: func(s *Server) string { return absDir(s.cfg.Dir) }})
	add(configParam{name: "daemonize", get: constant("no")})
	aliased("slaveof", configParam{name: "replicaof", get: constant("")}) // nosql has no replication
	backlog := numParam("repl-backlog-size", memoryValue(1, maxInt64), func(s *Server) *atomic.Int64 { return &s.conf.replBacklogSize })
	backlog.apply = func(s *Server, n int64) { s.conf.replBacklogSize.Store(max(n, 16<<10)) } // Redis's least backlog
	add(backlog)
	delay := numParam("key-load-delay", integerValue(-1<<31, 1<<31-1), func(s *Server) *atomic.Int64 { return &s.conf.keyLoadDelay })
	delay.hidden = true
	add(delay)
	add(configParam{name: "databases", get: func(s *Server) string { return strconv.Itoa(s.store.databases()) }})

	encodingParams(add, aliased)
	return params
}

// numParam is a numeric parameter held as it is set in one of the
// server's fields.
func numParam(name string, check func(string) (int64, string), field func(*Server) *atomic.Int64) configParam {
	return configParam{name: name, check: check,
		get:   func(s *Server) string { return formatInt(field(s).Load()) },
		apply: func(s *Server, n int64) { field(s).Store(n) }}
}

// encodingParams adds the memory-encoding thresholds (encodings()), with
// Redis 7.0's ranges and its old names as aliases.
func encodingParams(add func(configParam), aliased func(string, configParam)) {
	param := func(name string, check func(string) (int64, string), field func(*encodingLimits) *int64) configParam {
		return configParam{name: name, check: check,
			get:   func(s *Server) string { return formatInt(*field(s.encodings())) },
			apply: func(s *Server, n int64) { s.setEncoding(func(e *encodingLimits) { *field(e) = n }) }}
	}
	count, size := integerValue(0, maxInt64), memoryValue(0, maxInt64)
	aliased("hash-max-ziplist-entries", param("hash-max-listpack-entries", count, func(e *encodingLimits) *int64 { return &e.hashMaxListpackEntries }))
	aliased("hash-max-ziplist-value", param("hash-max-listpack-value", size, func(e *encodingLimits) *int64 { return &e.hashMaxListpackValue }))
	add(param("set-max-intset-entries", count, func(e *encodingLimits) *int64 { return &e.setMaxIntsetEntries }))
	aliased("zset-max-ziplist-entries", param("zset-max-listpack-entries", count, func(e *encodingLimits) *int64 { return &e.zsetMaxListpackEntries }))
	aliased("zset-max-ziplist-value", param("zset-max-listpack-value", size, func(e *encodingLimits) *int64 { return &e.zsetMaxListpackValue }))
	aliased("list-max-ziplist-size", param("list-max-listpack-size", integerValue(-1<<31, 1<<31-1), func(e *encodingLimits) *int64 { return &e.listMaxListpackSize }))
	add(param("list-compress-depth", integerValue(0, 1<<31-1), func(e *encodingLimits) *int64 { return &e.listCompressDepth }))
	add(param("stream-node-max-bytes", size, func(e *encodingLimits) *int64 { return &e.streamNodeMaxBytes }))
	add(param("stream-node-max-entries", count, func(e *encodingLimits) *int64 { return &e.streamNodeMaxEntries }))
	add(param("hll-sparse-max-bytes", size, func(e *encodingLimits) *int64 { return &e.hllSparseMaxBytes }))
}

// findConfigParam looks a parameter up by name, case-insensitively.
func findConfigParam(params []configParam, name string) *configParam {
	for i := range params {
		if strings.EqualFold(params[i].name, name) {
			return &params[i]
		}
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// absDir returns dir made absolute, as Redis reports its working directory.
func absDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}
