// info_test.go checks INFO: the fields each section holds and their
// format, that their names and order are Redis's (against redis-server),
// errorstats against redis-server, and the counters behind the fields.
package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// infoSectionsText splits INFO text into section title -> field names in
// order.
func infoSectionsText(s string) map[string][]string {
	m := map[string][]string{}
	title := ""
	for _, l := range strings.Split(s, "\r\n") {
		switch {
		case strings.HasPrefix(l, "# "):
			title = l[2:]
			m[title] = []string{}
		case l != "":
			name, _, _ := strings.Cut(l, ":")
			m[title] = append(m[title], name)
		}
	}
	return m
}

// nosqlOnlyFields are fields Redis does not have.
var nosqlOnlyFields = map[string]bool{"nosql_version": true, "go_version": true, "go_heap_sys": true, "go_sys": true}

// TestDiffInfoFieldNames checks that every field nosql reports (but its
// own) is one redis-server reports in the same section, in Redis's order.
func TestDiffInfoFieldNames(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	r, n := dial(t, raddr), dialServer(t, srv)
	for _, cl := range []*tclient{r, n} {
		cl.do("SET", "k", "v")
		cl.do("LPUSH", "k", "x") // an error, for errorstats
	}
	want := infoSectionsText(decodeTree(t, r.do("INFO", "everything")).(string))
	got := infoSectionsText(decodeTree(t, n.do("INFO", "everything")).(string))
	for title, fields := range got {
		rf, ok := want[title]
		if !ok {
			t.Errorf("section %s: redis-server has none", title)
			continue
		}
		pos := map[string]int{}
		for i, f := range rf {
			pos[f] = i
		}
		last := -1
		for _, f := range fields {
			if nosqlOnlyFields[f] || strings.HasPrefix(f, "cmdstat_") {
				continue
			}
			i, ok := pos[f]
			if !ok {
				t.Errorf("section %s: field %s is not Redis's", title, f)
				continue
			}
			if i < last {
				t.Errorf("section %s: field %s comes earlier in Redis's", title, f)
			}
			last = i
		}
	}
}

// TestDiffInfoErrorstats compares INFO errorstats with redis-server after
// the same failing commands.
func TestDiffInfoErrorstats(t *testing.T) {
	runDiff(t, []diffCase{{name: "errorstats", cmds: [][]string{
		c("CONFIG", "RESETSTAT"), c("INFO", "errorstats"),
		c("SET", "a", "x"), c("LPUSH", "a", "y"), c("INCR", "a"), c("FOO"), c("GET"), c("LPUSH", "a", "z"),
		c("CONFIG", "SET", "hz", "x"), c("INFO", "ERRORSTATS"),
		c("CONFIG", "RESETSTAT"), c("INFO", "errorstats"),
	}}})
}

// infoFieldFormats are the fields clients and Redis's suite read, with
// the format of each value.
var infoFieldFormats = map[string]string{
	"redis_version": `7\.0\.15`, "redis_mode": `standalone`, "os": `\S+ \S+ \S+`, "arch_bits": `64|32`,
	"process_id": `\d+`, "run_id": `[0-9a-f]{40}`, "tcp_port": `\d+`, "uptime_in_seconds": `\d+`, "uptime_in_days": `\d+`,
	"hz": `10`, "configured_hz": `10`, "lru_clock": `\d+`, "executable": `/.+`, "config_file": ``, "server_time_usec": `\d{16}`,
	"connected_clients": `1`, "blocked_clients": `0`, "maxclients": `\d+`, "tracking_clients": `0`,
	"used_memory": `\d+`, "used_memory_human": `\d+(B|\.\d\d[KMGTP])`, "used_memory_rss": `\d+`, "used_memory_peak": `\d+`,
	"used_memory_peak_human": `\d+(B|\.\d\d[KMGTP])`, "used_memory_peak_perc": `\d+\.\d\d%`, "total_system_memory": `\d+`,
	"maxmemory": `0`, "maxmemory_policy": `noeviction`, "mem_fragmentation_ratio": `\d+\.\d\d`, "mem_fragmentation_bytes": `-?\d+`,
	"loading": `0`, "async_loading": `0`, "rdb_changes_since_last_save": `\d+`, "rdb_bgsave_in_progress": `0`,
	"rdb_last_save_time": `\d+`, "rdb_last_bgsave_status": `ok`, "aof_enabled": `0`, "aof_rewrite_in_progress": `0`,
	"aof_last_write_status": `ok`, "total_connections_received": `\d+`, "total_commands_processed": `\d+`,
	"instantaneous_ops_per_sec": `\d+`, "rejected_connections": `0`, "expired_keys": `0`, "evicted_keys": `0`,
	"keyspace_hits": `0`, "keyspace_misses": `0`, "total_error_replies": `1`, "pubsub_channels": `0`,
	"role": `master`, "connected_slaves": `0`, "master_replid": `[0-9a-f]{40}`, "master_replid2": `0{40}`,
	"master_repl_offset": `0`, "second_repl_offset": `-1`, "repl_backlog_active": `0`,
	"used_cpu_sys": `\d+\.\d{6}`, "used_cpu_user": `\d+\.\d{6}`, "used_cpu_sys_children": `\d+\.\d{6}`,
	"used_cpu_user_children": `\d+\.\d{6}`, "errorstat_WRONGTYPE": `count=1`, "cluster_enabled": `0`,
}

func TestInfoFields(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	cl.do("SET", "k", "v")
	cl.do("LPUSH", "k", "x")
	f := infoFields(decodeTree(t, cl.do("INFO")).(string))
	for name, format := range infoFieldFormats {
		v, ok := f[name]
		if !ok {
			t.Errorf("INFO lacks %s", name)
		} else if !regexp.MustCompile(`^(` + format + `)$`).MatchString(v) {
			t.Errorf("INFO %s = %q, want the form %s", name, v, format)
		}
	}
	if f["run_id"] == f["master_replid"] {
		t.Errorf("master_replid is run_id")
	}
	used, _ := strconv.ParseInt(f["used_memory"], 10, 64)
	if peak, _ := strconv.ParseInt(f["used_memory_peak"], 10, 64); used == 0 || peak < used {
		t.Errorf("used_memory %s, used_memory_peak %s", f["used_memory"], f["used_memory_peak"])
	}

	cl.do("CONFIG", "SET", "hz", "42")
	srv.dirty(3)
	f = infoFields(decodeTree(t, cl.do("INFO", "server", "persistence")).(string))
	if f["hz"] != "42" || f["configured_hz"] != "42" || f["rdb_changes_since_last_save"] != "4" {
		t.Errorf("after CONFIG SET hz 42 and 1 + 3 changes: hz %s, configured_hz %s, rdb_changes_since_last_save %s",
			f["hz"], f["configured_hz"], f["rdb_changes_since_last_save"])
	}
	srv.stats.hits.Add(5)
	srv.stats.misses.Add(6)
	srv.store.expired.Add(7)
	f = infoFields(decodeTree(t, cl.do("INFO", "stats")).(string))
	if f["keyspace_hits"] != "5" || f["keyspace_misses"] != "6" || f["expired_keys"] != "7" {
		t.Errorf("keyspace_hits %s, keyspace_misses %s, expired_keys %s", f["keyspace_hits"], f["keyspace_misses"], f["expired_keys"])
	}
	cl.do("CONFIG", "RESETSTAT")
	f = infoFields(decodeTree(t, cl.do("INFO", "everything")).(string))
	for name, want := range map[string]string{"keyspace_hits": "0", "keyspace_misses": "0", "expired_keys": "0", "total_error_replies": "0",
		"errorstat_WRONGTYPE": "", "rdb_changes_since_last_save": "4"} {
		if f[name] != want {
			t.Errorf("after CONFIG RESETSTAT %s = %q, want %q", name, f[name], want)
		}
	}
}

// TestInfoErrorCodesBounded checks that errorstats keeps at most
// maxErrorCodes codes, while total_error_replies counts every error.
func TestInfoErrorCodesBounded(t *testing.T) {
	st := newStats(0)
	for i := 0; i < 3*maxErrorCodes; i++ {
		st.countError("CODE" + strconv.Itoa(i) + " message")
	}
	st.countError("CODE0 again")
	st.countError("NOSPACEINTHEFIRSTTHIRTYONEBYTES_ at all")
	lines := strings.Split(strings.TrimSuffix(string(st.appendErrorStats(nil)), "\r\n"), "\r\n")
	if len(lines) != maxErrorCodes || st.errorReplies.Load() != 3*maxErrorCodes+2 {
		t.Errorf("%d codes, %d errors; want %d codes, %d errors", len(lines), st.errorReplies.Load(), maxErrorCodes, 3*maxErrorCodes+2)
	}
	if lines[0] != "errorstat_CODE0:count=2" {
		t.Errorf("first line %q", lines[0])
	}
}

// TestInfoOpsPerSec checks instantaneous_ops_per_sec's arithmetic on
// made-up sample times (no clock is read).
func TestInfoOpsPerSec(t *testing.T) {
	start := time.Unix(1000, 0)
	at := func(ms int) time.Time { return start.Add(time.Duration(ms) * time.Millisecond) }
	var o opsSampler
	for _, step := range []struct {
		ms          int
		total, want int64
	}{
		{10000, 50000, 5000}, // first INFO: since the start
		{10050, 50100, 4985}, // the sample is 50 ms old, too young: since the start again
		{10500, 51000, 2000}, // since the sample at 10 s
		{11000, 53000, 3000}, // since 10 s: 3000 in 1 s
		{20000, 53000, 0},    // nothing since 11 s
		{20200, 53400, 2000}, // since 20 s
	} {
		if got := o.rate(at(step.ms), step.total, start); got != step.want {
			t.Errorf("at %d ms with %d commands: %d ops/s, want %d", step.ms, step.total, got, step.want)
		}
	}
	o.reset(at(30000))
	if got := o.rate(at(31000), 100, start); got != 100 {
		t.Errorf("after a reset: %d ops/s, want 100", got)
	}
}
