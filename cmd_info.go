// cmd_info.go holds INFO: the server's state in Redis 7's "# Section" /
// "field:value" text, for tools that parse Redis's INFO.
package main

import (
	"crypto/sha1"
	"encoding/hex"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// redisCompatVersion is the Redis version whose behaviour nosql follows;
// INFO reports it as redis_version so that tools accept the server.
const redisCompatVersion = "7.0.15"

// infoSection is one INFO section: its title, whether a bare INFO
// includes it, and the function appending its fields. Its name is its
// title in lower case.
type infoSection struct {
	title   string
	dflt    bool
	appendF func(s *Server, dst []byte) []byte
}

// infoSections returns the sections in the order INFO prints them.
func infoSections() []infoSection {
	return []infoSection{
		{"Server", true, (*Server).appendServerInfo},
		{"Clients", true, (*Server).appendClientsInfo},
		{"Memory", true, (*Server).appendMemoryInfo},
		{"Persistence", true, (*Server).appendSaveInfo},
		{"Stats", true, (*Server).appendStatsInfo},
		{"Replication", true, (*Server).appendReplicationInfo},
		{"CPU", true, appendCPUInfo},
		{"Modules", true, func(_ *Server, dst []byte) []byte { return dst }},
		{"Commandstats", false, (*Server).appendCommandStats},
		{"Errorstats", true, func(s *Server, dst []byte) []byte { return s.stats.appendErrorStats(dst) }},
		{"Cluster", true, func(_ *Server, dst []byte) []byte { return append(dst, "cluster_enabled:0\r\n"...) }},
		{"Keyspace", true, (*Server).appendKeyspaceInfo},
	}
}

// cmdInfo serves INFO [section ...]: the default sections, "all" or
// "everything", or the named ones (unknown names are ignored, as in Redis).
func cmdInfo(c *client, args [][]byte) {
	want := map[string]bool{}
	all, dflt := false, len(args) == 1
	for _, a := range args[1:] {
		switch name := strings.ToLower(string(a)); name {
		case "all", "everything":
			all = true
		case "default":
			dflt = true
		default:
			want[name] = true
		}
	}
	var out []byte
	n := 0
	for _, sec := range infoSections() {
		if !all && !(dflt && sec.dflt) && !want[strings.ToLower(sec.title)] {
			continue
		}
		if n > 0 {
			out = append(out, "\r\n"...)
		}
		n++
		out = append(out, "# "...)
		out = append(out, sec.title...)
		out = append(out, "\r\n"...)
		out = sec.appendF(c.srv, out)
	}
	c.writeVerbatim(out)
}

// infoField appends one "name:value" line.
func infoField(dst []byte, name, value string) []byte {
	dst = append(dst, name...)
	dst = append(dst, ':')
	dst = append(dst, value...)
	return append(dst, "\r\n"...)
}

func infoInt(dst []byte, name string, n int64) []byte {
	return infoField(dst, name, strconv.FormatInt(n, 10))
}

func (s *Server) appendServerInfo(dst []byte) []byte {
	now := time.Now()
	up := int64(now.Sub(s.started) / time.Second)
	dst = infoField(dst, "redis_version", redisCompatVersion)
	dst = append(dst, "redis_git_sha1:00000000\r\nredis_git_dirty:0\r\n"...)
	dst = infoField(dst, "nosql_version", nosqlVersion)
	dst = infoField(dst, "redis_mode", "standalone")
	dst = infoField(dst, "os", osName())
	dst = infoInt(dst, "arch_bits", int64(strconv.IntSize))
	dst = infoField(dst, "go_version", runtime.Version())
	dst = infoInt(dst, "process_id", int64(os.Getpid()))
	dst = infoField(dst, "process_supervised", "no")
	dst = infoField(dst, "run_id", s.runID())
	dst = infoInt(dst, "tcp_port", int64(s.port()))
	dst = infoInt(dst, "server_time_usec", now.UnixMicro())
	dst = infoInt(dst, "uptime_in_seconds", up)
	dst = infoInt(dst, "uptime_in_days", up/86400)
	dst = infoInt(dst, "hz", int64(s.hz()))
	dst = infoInt(dst, "configured_hz", int64(s.hz()))
	dst = infoInt(dst, "lru_clock", now.UnixMilli()/1000&(1<<24-1)) // Redis's LRU clock
	if exe, err := os.Executable(); err == nil {
		dst = infoField(dst, "executable", exe)
	}
	dst = infoField(dst, "config_file", "")
	return infoInt(dst, "io_threads_active", 0)
}

// osName is the operating system as Redis reports it: uname's system
// name, release and machine.
func osName() string {
	var u syscall.Utsname
	if syscall.Uname(&u) != nil {
		return runtime.GOOS + " " + runtime.GOARCH
	}
	return cString(u.Sysname[:]) + " " + cString(u.Release[:]) + " " + cString(u.Machine[:])
}

// cString returns the text of a NUL-terminated C character array.
func cString[T int8 | uint8](a []T) string {
	b := make([]byte, 0, len(a))
	for _, c := range a {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return string(b)
}

// runID identifies this run of the server: 40 hex digits, like Redis's,
// derived from the process and the server's start time.
func (s *Server) runID() string {
	sum := sha1.Sum([]byte(strconv.Itoa(os.Getpid()) + " " + strconv.FormatInt(s.started.UnixNano(), 10)))
	return hex.EncodeToString(sum[:])
}

// port returns the TCP port the server listens on, or 0.
func (s *Server) port() int {
	if a, ok := s.Addr().(*net.TCPAddr); ok {
		return a.Port
	}
	return 0
}

func (s *Server) appendClientsInfo(dst []byte) []byte {
	s.mu.Lock()
	n := len(s.conns)
	s.mu.Unlock()
	dst = infoInt(dst, "connected_clients", int64(n))
	dst = infoInt(dst, "cluster_connections", 0)
	dst = infoInt(dst, "maxclients", s.set.maxClients.Load())
	dst = infoInt(dst, "blocked_clients", s.blockedClients.Load()+int64(s.pause.waiting()))
	dst = infoInt(dst, "tracking_clients", 0)
	return infoInt(dst, "clients_in_timeout_table", 0)
}

// appendMemoryInfo reports the Go heap's live bytes as used_memory (what
// Redis's allocator reports) and the process's resident set as
// used_memory_rss; the peak is the most used_memory INFO has seen.
func (s *Server) appendMemoryInfo(dst []byte) []byte {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	used := ms.Alloc
	s.conf.usedMemory.Store(used) // the figure maxmemory is compared with (memory_limit.go)
	peak := s.stats.notePeak(used)
	dst = infoInt(dst, "used_memory", int64(used))
	dst = infoField(dst, "used_memory_human", bytesToHuman(used))
	rss, haveRSS := residentBytes()
	if haveRSS {
		dst = infoInt(dst, "used_memory_rss", int64(rss))
		dst = infoField(dst, "used_memory_rss_human", bytesToHuman(rss))
	}
	dst = infoInt(dst, "used_memory_peak", int64(peak))
	dst = infoField(dst, "used_memory_peak_human", bytesToHuman(peak))
	dst = infoField(dst, "used_memory_peak_perc", strconv.FormatFloat(float64(used)*100/float64(peak), 'f', 2, 64)+"%")
	if total, ok := systemMemory(); ok {
		dst = infoInt(dst, "total_system_memory", int64(total))
		dst = infoField(dst, "total_system_memory_human", bytesToHuman(total))
	}
	dst = s.scripting.appendMemoryInfo(dst)
	dst = infoInt(dst, "go_heap_sys", int64(ms.HeapSys))
	dst = infoInt(dst, "go_sys", int64(ms.Sys))
	limit := s.conf.maxmemory.Load()
	dst = infoField(dst, "maxmemory", strconv.FormatUint(limit, 10))
	dst = infoField(dst, "maxmemory_human", bytesToHuman(limit))
	dst = infoField(dst, "maxmemory_policy", "noeviction")
	if haveRSS {
		dst = infoField(dst, "mem_fragmentation_ratio", strconv.FormatFloat(float64(rss)/float64(used), 'f', 2, 64))
		dst = infoInt(dst, "mem_fragmentation_bytes", int64(rss)-int64(used))
	}
	dst = infoField(dst, "mem_allocator", "go")
	return infoInt(dst, "lazyfree_pending_objects", 0)
}

// notePeak records used as the peak if it is one, and returns the peak.
func (st *Stats) notePeak(used uint64) uint64 {
	for {
		peak := st.peakMemory.Load()
		if used <= peak {
			return peak
		}
		if st.peakMemory.CompareAndSwap(peak, used) {
			return used
		}
	}
}

// systemMemory returns the machine's memory in bytes.
func systemMemory() (uint64, bool) {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return 0, false
	}
	return uint64(si.Totalram) * uint64(si.Unit), true
}

// residentBytes reads the process's resident set size from
// /proc/self/statm, where it is readable (Linux).
func residentBytes() (uint64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * uint64(os.Getpagesize()), true
}

// bytesToHuman formats n as Redis does: 1023B, 1.50K, 2.00M, ...
func bytesToHuman(n uint64) string {
	if n < 1024 {
		return strconv.FormatUint(n, 10) + "B"
	}
	d := float64(n)
	for _, unit := range []string{"K", "M", "G", "T", "P"} {
		d /= 1024
		if d < 1024 || unit == "P" {
			return strconv.FormatFloat(d, 'f', 2, 64) + unit
		}
	}
	return "" // unreachable
}

// appendSaveInfo appends the persistence section: nosql takes no
// snapshots, so the RDB fields say none ran; the append-only file's
// fields follow (persist.go).
func (s *Server) appendSaveInfo(dst []byte) []byte {
	dst = append(dst, "loading:0\r\nasync_loading:0\r\n"...)
	dst = infoInt(dst, "rdb_changes_since_last_save", s.stats.changes.Load())
	dst = infoInt(dst, "rdb_bgsave_in_progress", 0)
	dst = infoInt(dst, "rdb_last_save_time", s.started.Unix())
	dst = infoField(dst, "rdb_last_bgsave_status", "ok")
	dst = infoInt(dst, "rdb_last_bgsave_time_sec", -1)
	dst = infoInt(dst, "rdb_current_bgsave_time_sec", -1)
	dst = infoInt(dst, "rdb_saves", 0)
	return s.appendPersistenceInfo(dst)
}

func (s *Server) appendStatsInfo(dst []byte) []byte {
	st := s.stats
	commands := st.commands.Load()
	dst = infoInt(dst, "total_connections_received", st.connections.Load())
	dst = infoInt(dst, "total_commands_processed", commands)
	dst = infoInt(dst, "instantaneous_ops_per_sec", st.ops.rate(time.Now(), commands, s.started))
	dst = infoInt(dst, "rejected_connections", st.rejected.Load())
	dst = append(dst, "sync_full:0\r\nsync_partial_ok:0\r\nsync_partial_err:0\r\n"...)
	dst = infoInt(dst, "expired_keys", s.store.expired.Load())
	dst = append(dst, "evicted_keys:0\r\nevicted_clients:0\r\n"...)
	dst = infoInt(dst, "keyspace_hits", st.hits.Load())
	dst = infoInt(dst, "keyspace_misses", st.misses.Load())
	channels, patterns, shard := s.pubsubCounts()
	dst = infoInt(dst, "pubsub_channels", int64(channels))
	dst = infoInt(dst, "pubsub_patterns", int64(patterns))
	dst = infoInt(dst, "pubsubshard_channels", int64(shard))
	dst = append(dst, "latest_fork_usec:0\r\ntotal_forks:0\r\n"...)
	dst = infoInt(dst, "migrate_cached_sockets", int64(s.migration.len()))
	dst = infoInt(dst, "unexpected_error_replies", 0)
	return infoInt(dst, "total_error_replies", st.errorReplies.Load())
}

// appendReplicationInfo reports a master without replicas or backlog, as
// Redis does before a replica connects.
func (s *Server) appendReplicationInfo(dst []byte) []byte {
	dst = infoField(dst, "role", "master")
	dst = infoInt(dst, "connected_slaves", 0)
	dst = infoField(dst, "master_failover_state", "no-failover")
	dst = infoField(dst, "master_replid", s.replID())
	dst = infoField(dst, "master_replid2", strings.Repeat("0", 40))
	dst = infoInt(dst, "master_repl_offset", 0)
	dst = infoInt(dst, "second_repl_offset", -1)
	dst = infoInt(dst, "repl_backlog_active", 0)
	dst = infoInt(dst, "repl_backlog_size", 1<<20)
	dst = infoInt(dst, "repl_backlog_first_byte_offset", 0)
	return infoInt(dst, "repl_backlog_histlen", 0)
}

// replID is the replication id of this run: 40 hex digits, like Redis's,
// distinct from run_id as Redis's is.
func (s *Server) replID() string {
	sum := sha1.Sum([]byte("replid " + s.runID()))
	return hex.EncodeToString(sum[:])
}

// appendCPUInfo reports the CPU time of the process and of its children
// (nosql starts none), as Redis does.
func appendCPUInfo(_ *Server, dst []byte) []byte {
	secs := func(tv syscall.Timeval) string {
		return strconv.FormatFloat(float64(tv.Nano())/1e9, 'f', 6, 64)
	}
	for _, who := range []struct {
		id     int
		suffix string
	}{{syscall.RUSAGE_SELF, ""}, {syscall.RUSAGE_CHILDREN, "_children"}} {
		var ru syscall.Rusage
		if syscall.Getrusage(who.id, &ru) != nil {
			continue
		}
		dst = infoField(dst, "used_cpu_sys"+who.suffix, secs(ru.Stime))
		dst = infoField(dst, "used_cpu_user"+who.suffix, secs(ru.Utime))
	}
	return dst
}

// appendCommandStats appends one line per command that has been called,
// refused or has failed, sorted by name.
func (s *Server) appendCommandStats(dst []byte) []byte {
	for _, cmd := range s.sortedCommands() {
		st := &s.stats.cmds[cmd.id]
		calls, usec := st.calls.Load(), st.nsec.Load()/1000
		failed, rejected := st.failed.Load(), st.rejected.Load()
		if calls == 0 && failed == 0 && rejected == 0 {
			continue
		}
		perCall := 0.0
		if calls > 0 {
			perCall = float64(usec) / float64(calls)
		}
		dst = append(dst, "cmdstat_"...)
		dst = append(dst, cmd.name...)
		dst = append(dst, ":calls="...)
		dst = strconv.AppendInt(dst, calls, 10)
		dst = append(dst, ",usec="...)
		dst = strconv.AppendInt(dst, usec, 10)
		dst = append(dst, ",usec_per_call="...)
		dst = strconv.AppendFloat(dst, perCall, 'f', 2, 64)
		dst = append(dst, ",rejected_calls="...)
		dst = strconv.AppendInt(dst, rejected, 10)
		dst = append(dst, ",failed_calls="...)
		dst = strconv.AppendInt(dst, failed, 10)
		dst = append(dst, "\r\n"...)
	}
	return dst
}

// appendKeyspaceInfo lists each database that holds keys: how many, how
// many have an expiry, and their average time to live in milliseconds.
func (s *Server) appendKeyspaceInfo(dst []byte) []byte {
	for n, st := range s.store.stats(time.Now().UnixMilli()) {
		if st.keys == 0 {
			continue
		}
		avg := int64(0)
		if st.expires > 0 {
			avg = st.ttlSum / int64(st.expires)
		}
		dst = append(dst, "db"...)
		dst = strconv.AppendInt(dst, int64(n), 10)
		dst = append(dst, ":keys="...)
		dst = strconv.AppendInt(dst, int64(st.keys), 10)
		dst = append(dst, ",expires="...)
		dst = strconv.AppendInt(dst, int64(st.expires), 10)
		dst = append(dst, ",avg_ttl="...)
		dst = strconv.AppendInt(dst, avg, 10)
		dst = append(dst, "\r\n"...)
	}
	return dst
}
