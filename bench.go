// bench.go holds `nosql bench`, a load generator for the semicolon
// protocol with redis-benchmark's knobs (clients, requests, pipeline,
// keyspace, value size, tests) that prints each test's requests per second
// and latency percentiles, as text, one line per test (-q) or CSV. With
// -resp it sends the RESP equivalents, so that both protocols can be
// measured with the same generator.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"
)

// benchConfig is what `nosql bench` was asked to do.
type benchConfig struct {
	addr     string
	clients  int
	requests int
	pipeline int
	keyspace int // 0: every request uses the one key "key:__rand_int__"
	size     int // value bytes
	tests    []string
	quiet    bool
	csv      bool
	resp     bool          // send the RESP equivalents (SET, GET, INCR)
	timeout  time.Duration // give up when no reply comes for this long
}

// benchTest is one workload: the request each client repeats, and the
// keys it needs to exist first.
type benchTest struct {
	id   string // its name for -t
	name string // as reported
	// request is the request with "__rand_int__" where a random key
	// number goes when a keyspace is given.
	request string
	// seed is the request that creates one key the test reads, or "".
	seed string
}

// benchTests returns the known tests, in the order they run: semicolon
// requests, or with resp their RESP equivalents, which -resp runs to
// compare the protocols with the same generator.
func benchTests(size int, resp bool) []benchTest {
	value := strings.Repeat("x", size)
	respCmd := func(args ...string) string { return string(appendCommand(nil, args...)) }
	if resp {
		return []benchTest{
			{id: "put", name: "SET", request: respCmd("SET", "key:__rand_int__", value)},
			{id: "get", name: "GET", request: respCmd("GET", "key:__rand_int__"), seed: respCmd("SET", "key:__rand_int__", value)},
			{id: "increment", name: "INCR", request: respCmd("INCR", "counter:__rand_int__"), seed: respCmd("SET", "counter:__rand_int__", "0")},
		}
	}
	return []benchTest{
		{id: "put", name: "PUT", request: "PUT;key:__rand_int__;" + value + ";STRING\n"},
		{id: "get", name: "GET", request: "GET;key:__rand_int__\n", seed: "PUT;key:__rand_int__;" + value + ";STRING\n"},
		{id: "increment", name: "INCREMENT", request: "INCREMENT;counter:__rand_int__\n", seed: "PUT;counter:__rand_int__;0;INT\n"},
	}
}

// runBench is the `nosql bench` subcommand.
func runBench(args []string, stdout, stderr io.Writer) int { return benchMain(args, stdout, stderr) }

// benchMain runs the tests args ask for, printing their figures to stdout,
// and returns the exit code: 1 if a reply was an error or a test failed.
func benchMain(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseBenchFlags(args, stderr)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	status := 0
	header := true
	for _, t := range benchTests(cfg.size, cfg.resp) {
		if !slices.Contains(cfg.tests, t.id) {
			continue
		}
		res, err := runBenchTest(cfg, t)
		if err != nil {
			fmt.Fprintf(stderr, "nosql bench: %s: %v\n", t.name, err)
			return 1
		}
		printResult(stdout, cfg, res, header)
		header = false
		if res.errors > 0 {
			fmt.Fprintf(stderr, "nosql bench: %s: %d error replies; first: %q\n", t.name, res.errors, res.firstErr)
			status = 1
		}
	}
	return status
}

// parseBenchFlags reads the flags of `nosql bench`.
func parseBenchFlags(args []string, stderr io.Writer) (benchConfig, error) {
	cfg := benchConfig{}
	fs := flag.NewFlagSet("nosql bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: nosql bench [-addr 127.0.0.1:50505] [-c clients] [-n requests] [-P pipeline] [-r keyspace] [-d value-size] [-t put,get,increment] [-q] [-csv] [-resp]\n\nA load generator for the semicolon protocol, after redis-benchmark. Every\nreply must start with \"True;\"; any other is counted as an error. With\n-resp it sends the RESP equivalents (SET, GET, INCR) instead.\n\nflags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:50505", "server `address`")
	fs.IntVar(&cfg.clients, "c", 50, "number of parallel `clients` (connections)")
	fs.IntVar(&cfg.requests, "n", 100000, "total number of `requests` per test")
	fs.IntVar(&cfg.pipeline, "P", 1, "`requests` sent at once per client (pipelining)")
	fs.IntVar(&cfg.keyspace, "r", 0, "use random keys key:N for N in [0, `keyspace`); 0: one key")
	fs.IntVar(&cfg.size, "d", 3, "value size in `bytes`")
	tests := fs.String("t", "put,get,increment", "comma-separated `tests` to run")
	fs.BoolVar(&cfg.quiet, "q", false, "quiet: print one line per test")
	fs.BoolVar(&cfg.csv, "csv", false, "print CSV")
	fs.BoolVar(&cfg.resp, "resp", false, "send RESP SET, GET and INCR instead; no reply may be an error")
	threads := fs.Int("threads", 0, "`cores` the generator may use (GOMAXPROCS); 0: all")
	fs.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "give up when no reply arrives for this `long`")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "nosql bench: unexpected argument %q\n", fs.Arg(0))
		return cfg, errors.New("unexpected argument")
	}
	known := map[string]bool{}
	for _, t := range benchTests(0, false) {
		known[t.id] = true
	}
	for _, t := range strings.Split(*tests, ",") {
		t = strings.ToLower(strings.TrimSpace(t))
		switch t { // the RESP names
		case "set":
			t = "put"
		case "incr":
			t = "increment"
		}
		if !known[t] {
			fmt.Fprintf(stderr, "nosql bench: unknown test %q (use put, get, increment)\n", t)
			return cfg, errors.New("unknown test")
		}
		cfg.tests = append(cfg.tests, t)
	}
	switch {
	case cfg.clients < 1, cfg.requests < 1, cfg.pipeline < 1:
		fmt.Fprintf(stderr, "nosql bench: -c, -n and -P must be at least 1\n")
		return cfg, errors.New("bad count")
	case cfg.keyspace < 0 || cfg.keyspace > keyspaceMax:
		fmt.Fprintf(stderr, "nosql bench: -r must be between 0 and %d\n", keyspaceMax)
		return cfg, errors.New("bad keyspace")
	case cfg.size < 0 || cfg.size > 64<<20:
		fmt.Fprintf(stderr, "nosql bench: -d must be between 0 and %d\n", 64<<20)
		return cfg, errors.New("bad size")
	case *threads < 0:
		fmt.Fprintf(stderr, "nosql bench: -threads must not be negative\n")
		return cfg, errors.New("bad threads")
	}
	if *threads > 0 {
		runtime.GOMAXPROCS(*threads)
	}
	return cfg, nil
}

// benchResult is one test's outcome; lat holds each request's latency.
type benchResult struct {
	name     string
	elapsed  time.Duration
	lat      []time.Duration
	errors   int64
	firstErr string
}

// percentile returns the latency below which fraction p of the sorted
// latencies lie (nearest rank).
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// summary is the figures printed for a result.
type summary struct {
	rps                              float64
	avg, lo, p50, p95, p99, p999, hi time.Duration // lo, hi: min, max
}

func summarize(r benchResult) summary {
	slices.Sort(r.lat)
	var sum time.Duration
	for _, d := range r.lat {
		sum += d
	}
	s := summary{
		rps: float64(len(r.lat)) / r.elapsed.Seconds(),
		p50: percentile(r.lat, 0.50), p95: percentile(r.lat, 0.95),
		p99: percentile(r.lat, 0.99), p999: percentile(r.lat, 0.999),
	}
	if n := len(r.lat); n > 0 {
		s.avg, s.lo, s.hi = sum/time.Duration(n), r.lat[0], r.lat[n-1]
	}
	return s
}

// ms formats a duration in milliseconds as redis-benchmark does.
func ms(d time.Duration) string { return fmt.Sprintf("%.3f", float64(d)/1e6) }

// printResult prints one test's figures in the chosen format.
func printResult(w io.Writer, cfg benchConfig, r benchResult, header bool) {
	s := summarize(r)
	switch {
	case cfg.csv:
		if header {
			fmt.Fprintln(w, `"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","p999_latency_ms","max_latency_ms","errors"`)
		}
		fmt.Fprintf(w, "%q,\"%.2f\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%d\"\n",
			r.name, s.rps, ms(s.avg), ms(s.lo), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.p999), ms(s.hi), r.errors)
	case cfg.quiet:
		fmt.Fprintf(w, "%s: %.2f requests per second, p50=%s msec, p99=%s msec, p99.9=%s msec, errors=%d\n",
			r.name, s.rps, ms(s.p50), ms(s.p99), ms(s.p999), r.errors)
	default:
		keys := "one key"
		if cfg.keyspace > 0 {
			keys = fmt.Sprintf("keyspace %d", cfg.keyspace)
		}
		fmt.Fprintf(w, "====== %s ======\n", r.name)
		fmt.Fprintf(w, "  %d requests completed in %.2f seconds\n", len(r.lat), r.elapsed.Seconds())
		fmt.Fprintf(w, "  %d parallel clients, pipeline %d, %s\n", cfg.clients, cfg.pipeline, keys)
		fmt.Fprintf(w, "  %d bytes payload\n  %d error replies\n\n", cfg.size, r.errors)
		fmt.Fprintf(w, "Summary:\n  throughput summary: %.2f requests per second\n  latency summary (msec):\n", s.rps)
		fmt.Fprintf(w, "  %9s %9s %9s %9s %9s %9s %9s\n", "avg", "min", "p50", "p95", "p99", "p99.9", "max")
		fmt.Fprintf(w, "  %9s %9s %9s %9s %9s %9s %9s\n\n", ms(s.avg), ms(s.lo), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.p999), ms(s.hi))
	}
}
