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
		{"Persistence", true, (*Server).appendPersistenceInfo},
		{"Stats", true, (*Server).appendStatsInfo},
		{"Replication", true, appendReplicationInfo},
		{"CPU", true, appendCPUInfo},
		{"Modules", true, func(_ *Server, dst []byte) []byte { return dst }},
		{"Commandstats", false, (*Server).appendCommandStats},
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
	dst = infoField(dst, "nosql_version", nosqlVersion)
	dst = infoField(dst, "redis_mode", "standalone")
	dst = infoField(dst, "os", runtime.GOOS+" "+runtime.GOARCH)
	dst = infoInt(dst, "arch_bits", int64(strconv.IntSize))
	dst = infoField(dst, "go_version", runtime.Version())
	dst = infoInt(dst, "process_id", int64(os.Getpid()))
	dst = infoField(dst, "run_id", s.runID())
	dst = infoInt(dst, "tcp_port", int64(s.port()))
	dst = infoInt(dst, "server_time_usec", now.UnixMicro())
	dst = infoInt(dst, "uptime_in_seconds", up)
	dst = infoInt(dst, "uptime_in_days", up/86400)
	if exe, err := os.Executable(); err == nil {
		dst = infoField(dst, "executable", exe)
	}
	return infoField(dst, "config_file", "")
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
	dst = infoInt(dst, "maxclients", s.set.maxClients.Load())
	return infoInt(dst, "blocked_clients", 0)
}

func (s *Server) appendMemoryInfo(dst []byte) []byte {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	dst = infoInt(dst, "used_memory", int64(ms.Alloc))
	dst = infoField(dst, "used_memory_human", bytesToHuman(ms.Alloc))
	if rss, ok := residentBytes(); ok {
		dst = infoInt(dst, "used_memory_rss", int64(rss))
		dst = infoField(dst, "used_memory_rss_human", bytesToHuman(rss))
	}
	dst = infoInt(dst, "go_heap_sys", int64(ms.HeapSys))
	dst = infoInt(dst, "go_sys", int64(ms.Sys))
	dst = infoInt(dst, "maxmemory", 0)
	dst = infoField(dst, "maxmemory_human", "0B")
	dst = infoField(dst, "maxmemory_policy", "noeviction")
	return infoField(dst, "mem_allocator", "go")
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

func (s *Server) appendStatsInfo(dst []byte) []byte {
	dst = infoInt(dst, "total_connections_received", s.stats.connections.Load())
	dst = infoInt(dst, "total_commands_processed", s.stats.commands.Load())
	return infoInt(dst, "rejected_connections", s.stats.rejected.Load())
}

func appendReplicationInfo(_ *Server, dst []byte) []byte {
	dst = infoField(dst, "role", "master")
	return infoInt(dst, "connected_slaves", 0)
}

// appendCPUInfo reports the process's CPU time, as Redis does.
func appendCPUInfo(_ *Server, dst []byte) []byte {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return dst
	}
	secs := func(tv syscall.Timeval) string {
		return strconv.FormatFloat(float64(tv.Nano())/1e9, 'f', 6, 64)
	}
	dst = infoField(dst, "used_cpu_sys", secs(ru.Stime))
	return infoField(dst, "used_cpu_user", secs(ru.Utime))
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
