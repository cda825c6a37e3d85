// main.go is the nosql command: flags, logging, signals, and the
// subcommands (check-aof).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// shutdownGrace is how long shutdown waits for connections to finish.
const shutdownGrace = 5 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main with its arguments and outputs, returning the exit code.
// The server logs to stderr; a subcommand writes its report to stdout.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if sub, ok := subcommands()[args[0]]; ok {
			return sub(args[1:], stdout, stderr)
		}
	}
	cfg, level, procs, err := parseFlags(args, stderr)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	cfg.LogLevel = new(slog.LevelVar)
	cfg.LogLevel.Set(level)
	cfg.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	if procs > 0 {
		runtime.GOMAXPROCS(procs)
	}
	srv, err := NewServer(cfg)
	if err != nil {
		cfg.Logger.Error("cannot start", "err", err)
		return 1
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	served := make(chan error, 1)
	go func() { served <- srv.ListenAndServe() }()
	select {
	case s := <-sig:
		cfg.Logger.Info("shutting down", "signal", s.String())
	case <-srv.ShutdownRequested():
		cfg.Logger.Info("shutting down", "reason", "SHUTDOWN command")
	case err := <-served:
		cfg.Logger.Error("cannot serve", "err", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && err != context.DeadlineExceeded {
		cfg.Logger.Error("shutdown", "err", err)
		return 1
	}
	cfg.Logger.Info("bye")
	return 0
}

// subcommands returns the nosql binary's other tools by name.
func subcommands() map[string]func(args []string, stdout, stderr io.Writer) int {
	return map[string]func(args []string, stdout, stderr io.Writer) int{
		"check-aof": runCheckAOF,
		"bench":     runBench,
	}
}

// defaultProcs is how many cores nosql's goroutines run on by default: half
// the machine's, leaving the rest to its clients (loopback clients run on
// the same machine) and the kernel's network work. GOMAXPROCS in the
// environment overrides it. On 2 cores this measured 15-45% more
// requests/s than using both (BENCHMARKS.md).
func defaultProcs() int {
	if os.Getenv("GOMAXPROCS") != "" {
		return 0 // keep the environment's choice
	}
	return max(1, runtime.NumCPU()/2)
}

// parseFlags reads the server's flags.
func parseFlags(args []string, stderr io.Writer) (cfg Config, level slog.Level, procs int, err error) {
	cfg = DefaultConfig()
	fs := flag.NewFlagSet("nosql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: nosql [flags]\n       nosql check-aof [-fix] FILE\n       nosql bench [flags]   (load generator; nosql bench -h)\n\nA key/value server speaking the semicolon text protocol and RESP on one port.\n\nflags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "TCP `address` to listen on")
	fs.IntVar(&cfg.MaxRequest, "max-request", cfg.MaxRequest, "longest request line in `bytes`, its terminator not counted")
	levelName := fs.String("log-level", "info", "log `level`: debug, info, warn or error")
	fs.IntVar(&procs, "procs", defaultProcs(), "`cores` to run on (GOMAXPROCS); 0 keeps the Go default")
	fs.Int64Var(&cfg.ProtoMaxBulkLen, "proto-max-bulk-len", cfg.ProtoMaxBulkLen, "longest RESP bulk string in `bytes`")
	fs.Int64Var(&cfg.ClientQueryBufferLimit, "client-query-buffer-limit", cfg.ClientQueryBufferLimit, "largest unprocessed request per client in `bytes`")
	fs.StringVar(&cfg.ClientOutputBufferLimit, "client-output-buffer-limit", cfg.ClientOutputBufferLimit, "`limits` on a client's pending replies, as Redis's: \"class hard soft soft-seconds\" repeated (classes normal, replica, pubsub; 1gb, 64mb, ...); a client past one is disconnected")
	fs.StringVar(&cfg.Dir, "dir", cfg.Dir, "data `directory` for the append-only file (created if missing)")
	fs.BoolVar(&cfg.AppendOnly, "appendonly", cfg.AppendOnly, "log every write to DIR/appendonly.aof and load it at start-up")
	fs.StringVar(&cfg.AppendFsync, "appendfsync", cfg.AppendFsync, "fsync `policy`: always, everysec or no")
	fs.Int64Var(&cfg.AutoAOFRewritePercentage, "auto-aof-rewrite-percentage", cfg.AutoAOFRewritePercentage, "rewrite the append-only file when it grows by this `percent` over its size after the last rewrite (0: never)")
	fs.Int64Var(&cfg.AutoAOFRewriteMinSize, "auto-aof-rewrite-min-size", cfg.AutoAOFRewriteMinSize, "do not rewrite automatically below this many `bytes`")
	fs.IntVar(&cfg.Databases, "databases", cfg.Databases, "number of `databases` (SELECT 0 to N-1)")
	fs.Func("maxmemory", "refuse commands that may take memory (SET, LPUSH...) while the heap is above this many `bytes` (Redis's units: 4gb, 512mb; 0: no limit)", func(v string) error {
		n, ok := parseMemoryU(v)
		if !ok {
			return fmt.Errorf("%q is not a memory value", v)
		}
		cfg.MaxMemory = n
		return nil
	})
	fs.Int64Var(&cfg.KeyLoadDelay, "key-load-delay", 0, "sleep this many `microseconds` per record loaded from the append-only file (negative -N: 1 µs once per N records), as Redis's key-load-delay")
	passFile := accessFlags(fs, &cfg)
	if err = fs.Parse(args); err != nil {
		return
	}
	if err = finishAccessFlags(&cfg, *passFile); err != nil {
		fmt.Fprintf(stderr, "nosql: %v\n", err)
		return
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "nosql: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return cfg, 0, 0, fmt.Errorf("unexpected argument")
	}
	if err = level.UnmarshalText([]byte(*levelName)); err != nil {
		fmt.Fprintf(stderr, "nosql: -log-level: %v (use debug, info, warn or error)\n", err)
		return
	}
	if err = checkLimits(cfg); err != nil {
		fmt.Fprintf(stderr, "nosql: %v\n", err)
		return
	}
	if procs < 0 {
		fmt.Fprintf(stderr, "nosql: -procs must be at least 0\n")
		return cfg, 0, 0, fmt.Errorf("bad flag value")
	}
	return cfg, level, procs, nil
}
