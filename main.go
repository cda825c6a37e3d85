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
	"syscall"
	"time"
)

// shutdownGrace is how long shutdown waits for connections to finish.
const shutdownGrace = 5 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run is main with its arguments and error output, returning the exit code.
func run(args []string, stderr io.Writer) int {
	if len(args) > 0 {
		if sub, ok := subcommands[args[0]]; ok {
			return sub(args[1:], stderr)
		}
	}
	cfg, level, err := parseFlags(args, stderr)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	cfg.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
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

// subcommands are the nosql binary's other tools.
var subcommands = map[string]func(args []string, stderr io.Writer) int{}

// parseFlags reads the server's flags.
func parseFlags(args []string, stderr io.Writer) (Config, slog.Level, error) {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("nosql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: nosql [flags]\n       nosql check-aof [-fix] FILE\n\nA key/value server speaking the semicolon text protocol and RESP on one port.\n\nflags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "TCP `address` to listen on")
	fs.IntVar(&cfg.MaxRequest, "max-request", cfg.MaxRequest, "longest request line in `bytes`, its terminator not counted")
	level := fs.String("log-level", "info", "log `level`: debug, info, warn or error")
	fs.Int64Var(&cfg.ProtoMaxBulkLen, "proto-max-bulk-len", cfg.ProtoMaxBulkLen, "longest RESP bulk string in `bytes`")
	fs.Int64Var(&cfg.ClientQueryBufferLimit, "client-query-buffer-limit", cfg.ClientQueryBufferLimit, "largest unprocessed request per client in `bytes`")
	fs.StringVar(&cfg.Dir, "dir", cfg.Dir, "data `directory` for the append-only file (created if missing)")
	fs.BoolVar(&cfg.AppendOnly, "appendonly", cfg.AppendOnly, "log every write to DIR/appendonly.aof and load it at start-up")
	fs.StringVar(&cfg.AppendFsync, "appendfsync", cfg.AppendFsync, "fsync `policy`: always, everysec or no")
	fs.Int64Var(&cfg.AutoAOFRewritePercentage, "auto-aof-rewrite-percentage", cfg.AutoAOFRewritePercentage, "rewrite the append-only file when it grows by this `percent` over its size after the last rewrite (0: never)")
	fs.Int64Var(&cfg.AutoAOFRewriteMinSize, "auto-aof-rewrite-min-size", cfg.AutoAOFRewriteMinSize, "do not rewrite automatically below this many `bytes`")
	if err := fs.Parse(args); err != nil {
		return cfg, 0, err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "nosql: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return cfg, 0, fmt.Errorf("unexpected argument")
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(stderr, "nosql: -log-level: %v (use debug, info, warn or error)\n", err)
		return cfg, 0, err
	}
	if cfg.MaxRequest < 1 {
		fmt.Fprintf(stderr, "nosql: -max-request must be at least 1\n")
		return cfg, 0, fmt.Errorf("bad -max-request")
	}
	return cfg, lv, nil
}
