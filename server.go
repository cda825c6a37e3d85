// server.go holds the Server: its configuration, the accept loop that
// starts one goroutine per connection, and graceful shutdown.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Config is what a Server is started with; main fills it from flags.
type Config struct {
	Addr       string       // listen address, e.g. 127.0.0.1:50505
	MaxRequest int          // longest request line in bytes, terminator excluded
	Logger     *slog.Logger // nil: discard
	// LogLevel, when set, is the Logger's level; CONFIG SET loglevel sets it.
	LogLevel *slog.LevelVar

	ProtoMaxBulkLen        int64 // longest RESP bulk string
	ClientQueryBufferLimit int64 // largest unprocessed request per client
	// ClientOutputBufferLimit is client-output-buffer-limit, in Redis's
	// syntax, applied over the defaults ("": the defaults).
	ClientOutputBufferLimit string

	Dir                      string // data directory of the append-only file
	AppendOnly               bool   // log writes to Dir/appendonly.aof
	AppendFsync              string // always, everysec or no
	AutoAOFRewritePercentage int64  // rewrite when the file grew this % over its base
	AutoAOFRewriteMinSize    int64  // ... and is at least this big

	MaxClients    int64  // most clients served at once, lowered to fit the open file limit (0: 10000)
	Timeout       int64  // close a client idle this many seconds (0: never)
	TCPKeepAlive  int64  // TCP keep-alive period in seconds (0: off)
	RequirePass   string // password clients must AUTH with ("": none)
	ProtectedMode bool   // with no password, refuse clients from beyond loopback
	Databases     int    // number of databases (0: 16)

	MaxMemory    uint64 // refuse commands that may take memory above this many bytes (0: no limit)
	KeyLoadDelay int64  // microseconds slept per record loaded from the log (negative: 1 µs once per -N records)

	extraCommands []func() []*command // tests only: command families added to the table
}

// DefaultConfig returns the defaults the flags document.
func DefaultConfig() Config {
	return Config{
		Addr:                     "127.0.0.1:50505",
		MaxRequest:               1 << 20,
		ProtoMaxBulkLen:          512 << 20,
		ClientQueryBufferLimit:   1 << 30,
		ClientOutputBufferLimit:  defaultOutputLimits.String(),
		Dir:                      "data",
		AppendOnly:               true,
		AppendFsync:              "everysec",
		AutoAOFRewritePercentage: 100,
		AutoAOFRewriteMinSize:    64 << 20,
		MaxClients:               10000,
		TCPKeepAlive:             300,
		ProtectedMode:            true,
		Databases:                DefaultDatabases,
	}
}

// honouredLimit returns the largest size limit (max-request,
// proto-max-bulk-len, client-query-buffer-limit) the server accepts: a
// sixteenth of the machine's memory, because a write to a string of that
// size holds the value and a whole copy of it (a SETRANGE at the largest
// offset allocates both), and several such writes may be in flight; at
// least 1 GiB, so the defaults always fit; at most 1 TiB, far below what a
// Go slice can address, so no size computed from a limit overflows.
func honouredLimit() int64 {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return 1 << 30
	}
	return min(max(int64(si.Totalram)*int64(si.Unit)/16, 1<<30), 1<<40)
}

// checkLimits refuses size limits the server cannot honour, naming the
// flag and the range it accepts.
func checkLimits(cfg Config) error {
	for _, l := range []struct {
		name   string
		v, low int64
	}{
		{"max-request", int64(cfg.MaxRequest), 1},
		{"proto-max-bulk-len", cfg.ProtoMaxBulkLen, 1 << 20},
		{"client-query-buffer-limit", cfg.ClientQueryBufferLimit, 1 << 20},
	} {
		if hi := honouredLimit(); l.v < l.low || l.v > hi {
			return fmt.Errorf("-%s %d: must be between %d and %d inclusive", l.name, l.v, l.low, hi)
		}
	}
	if cfg.KeyLoadDelay < -1<<31 || cfg.KeyLoadDelay > 1<<31-1 {
		return fmt.Errorf("-key-load-delay %d: must be between %d and %d inclusive", cfg.KeyLoadDelay, -1<<31, 1<<31-1)
	}
	if cfg.Databases < 0 || cfg.Databases > 1<<20 {
		return fmt.Errorf("-databases %d: must be between 1 and %d inclusive", cfg.Databases, 1<<20)
	}
	return nil
}

// settings are the limits CONFIG SET may change while the server runs.
type settings struct {
	maxRequest, protoMaxBulkLen, queryBufferLimit atomic.Int64
	maxClients, timeout, keepAlive                atomic.Int64
	protectedMode                                 atomic.Bool
	password                                      atomic.Pointer[password]     // nil: none
	outLimits                                     atomic.Pointer[outputLimits] // nil: the defaults
}

func (s *settings) maxLine() int    { return int(s.maxRequest.Load()) }
func (s *settings) maxBulk() int64  { return s.protoMaxBulkLen.Load() }
func (s *settings) maxQuery() int64 { return s.queryBufferLimit.Load() }

// Server is one nosql server: it owns its store, counters, log and
// listener, so several can run in one process.
type Server struct {
	cfg     Config
	set     settings
	conf    runtimeConfig // the other parameters CONFIG SET changes (config_state.go)
	log     *slog.Logger
	store   *Store
	stats   *Stats
	aofp    atomic.Pointer[aof] // nil while appendonly is off (persist.go)
	dirLock *os.File            // holds the data directory's lock while aof is open
	// persistMu serialises switching the append-only file on and off
	persistMu sync.Mutex
	commands  map[string]*command
	keyFlags  map[string][]keyFlags // commands' key spec flags (key_flags.go)
	aclCats   map[string]aclCat     // commands' own ACL categories (acl_categories.go)
	migration migrateConns          // MIGRATE's cached connections (cmd_migrate.go)
	started   time.Time

	mu         sync.Mutex
	ln         net.Listener
	conns      map[*conn]struct{}
	closing    atomic.Bool
	done       chan struct{} // closed when Shutdown begins
	stopReq    chan struct{} // closed by RequestShutdown
	stopOnce   sync.Once
	connWG     sync.WaitGroup
	nextID     atomic.Int64
	draining   atomic.Int64 // refused connections being drained (limits.go)
	lcsMu      sync.Mutex   // one big LCS table at a time (cmd_lcs.go)
	monitors   monitors     // MONITOR's clients (monitor.go)
	pause      pauser       // CLIENT PAUSE (pause.go)
	scripting  *scripting   // EVAL's cache and interpreter (script.go)
	expiryOnce sync.Once    // starts active expiry (expire_cycle.go)
	pubsub     pubsubHub    // who listens on what (pubsub.go)

	blocks    sync.Pool    // output blocks (outbuf.go)
	outQueued atomic.Int64 // output queued by all clients (outbuf.go)
	// outBudget is the most output all clients together may have queued:
	// four times the largest size limit, a quarter of the machine's memory.
	// A client whose output passes it is disconnected as if past its hard
	// limit, so that many clients building large replies at once cannot
	// take the server's memory (a fixed maxmemory-clients, in Redis's terms).
	outBudget int64
	freeMu    sync.Mutex
	freeing   bool // a goroutine is returning freed memory to the OS
	again     bool // ... and runs once more when done

	blockedClients atomic.Int64 // clients blocked on keys (block_keys.go)
	// ordered requests (flagOrdered) read and not yet run, and whether any ever came
	// (arrival.go)
	orderedInflight atomic.Int64
	orderedSeen     atomic.Bool
}

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("nosql: server closed")

// NewServer returns a server for cfg, its store loaded from the
// append-only file when persistence is on.
func NewServer(cfg Config) (*Server, error) {
	if err := checkLimits(cfg); err != nil {
		return nil, err
	}
	lg := cfg.Logger
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg:     cfg,
		log:     lg,
		conns:   make(map[*conn]struct{}),
		done:    make(chan struct{}),
		stopReq: make(chan struct{}),
		started: time.Now(),
	}
	s.conf.init(cfg)
	s.scripting = newScripting(s)
	s.set.maxRequest.Store(int64(cfg.MaxRequest))
	s.set.protoMaxBulkLen.Store(cfg.ProtoMaxBulkLen)
	s.set.queryBufferLimit.Store(cfg.ClientQueryBufferLimit)
	s.set.timeout.Store(cfg.Timeout)
	s.set.keepAlive.Store(cfg.TCPKeepAlive)
	s.set.protectedMode.Store(cfg.ProtectedMode)
	s.setPassword(cfg.RequirePass)
	s.conf.maxmemory.Store(cfg.MaxMemory)
	s.conf.keyLoadDelay.Store(cfg.KeyLoadDelay)
	if cfg.MaxClients <= 0 {
		cfg.MaxClients = DefaultConfig().MaxClients
	}
	if cfg.Databases <= 0 {
		cfg.Databases = DefaultDatabases
	}
	if err := s.applyMaxClients(cfg.MaxClients); err != nil {
		return nil, err
	}
	limits, msg := parseOutputLimits(defaultOutputLimits, cfg.ClientOutputBufferLimit)
	if msg != "" {
		return nil, fmt.Errorf("client-output-buffer-limit %q: %s", cfg.ClientOutputBufferLimit, msg)
	}
	s.set.outLimits.Store(&limits)
	s.outBudget = 4 * honouredLimit()
	s.commands = newCommandTable(cfg.extraCommands...)
	s.keyFlags = commandKeyFlags()
	s.aclCats = commandCategories()
	s.stats = newStats(len(s.commands))
	s.store = NewStore(cfg.Databases)
	s.store.enc = &s.conf.enc
	s.store.notify = &s.conf.notify
	if err := s.openPersistence(); err != nil {
		return nil, err
	}
	s.noteUsedMemory() // what maxmemory is compared with from the first command
	return s, nil
}

// ListenAndServe listens on cfg.Addr and serves until Shutdown.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// Addr returns the listening address, or nil before Serve.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// listener returns the listener connections are accepted on.
func (s *Server) listener() net.Listener {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ln
}

// Serve accepts connections on ln, each served by its own goroutine, until
// Shutdown; it then returns ErrServerClosed.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing.Load() {
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	s.ln = ln
	stampListener(ln)
	s.mu.Unlock()
	s.log.Info("nosql listening", "addr", ln.Addr().String())
	s.startExpiry()
	s.warnIfExposed(ln.Addr())
	var delay time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if s.closing.Load() {
				return ErrServerClosed
			}
			if next := s.listener(); next != ln { // moved by CONFIG SET port or bind
				ln = next
				continue
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, errTooManyFiles) {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				s.log.Warn("accept failed; retrying", "err", err, "delay", delay)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		s.setKeepAlive(nc)
		if msg := s.refusal(nc); msg != "" {
			s.refuse(nc, msg)
			continue
		}
		c := s.newConn(nc)
		if c == nil {
			nc.Close()
			return ErrServerClosed
		}
		go c.serve()
	}
}

// newConn registers a connection, or returns nil once shutdown began.
func (s *Server) newConn(nc net.Conn) *conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing.Load() {
		return nil
	}
	c := &conn{client: newClient(s, nc.RemoteAddr(), nc.LocalAddr()), nc: nc}
	c.info.fd = connFD(nc)
	c.stamps = newStampedReader(nc)
	c.rd = newReader(c.stamps, &s.set)
	s.conns[c] = struct{}{}
	s.connWG.Add(1)
	s.stats.connections.Add(1)
	return c
}

func (s *Server) removeConn(c *conn) {
	c.leavePubsub()
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	s.connWG.Done()
}

// Shutdown stops accepting, lets every connection answer the requests it
// has already read, closes the connections, and then flushes and closes the
// append-only file. Connections still open when ctx ends are closed anyway,
// and the file is closed at once: a connection still waiting for it to
// store its writes (a failing disk) ends unanswered.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	first := !s.closing.Swap(true)
	if first {
		close(s.done)
	}
	if s.ln != nil {
		s.ln.Close()
	}
	for c := range s.conns {
		c.nc.SetReadDeadline(time.Now()) // wake readers; they finish and close
	}
	s.mu.Unlock()

	finished := make(chan struct{})
	go func() { s.connWG.Wait(); close(finished) }()
	var err, cerr error
	select {
	case <-finished:
	case <-ctx.Done():
		err = ctx.Err()
		s.mu.Lock()
		for c := range s.conns {
			c.nc.Close()
		}
		s.mu.Unlock()
		if first { // connections still waiting for the log give up, unanswered
			cerr, first = s.closePersistence(), false
			if cerr != nil {
				s.log.Error("shutdown", "err", cerr)
			}
		}
		<-finished
	}
	if first {
		cerr = s.closePersistence()
	}
	s.migration.closeAll()
	if err == nil {
		err = cerr
	}
	return err
}

// Done is closed when Shutdown begins (SHUTDOWN uses it to tell main).
func (s *Server) Done() <-chan struct{} { return s.done }

// RequestShutdown asks the process running the server to shut it down (the
// RESP SHUTDOWN command); ShutdownRequested is closed when it is called.
func (s *Server) RequestShutdown() { s.stopOnce.Do(func() { close(s.stopReq) }) }

// ShutdownRequested is closed once RequestShutdown has been called.
func (s *Server) ShutdownRequested() <-chan struct{} { return s.stopReq }
