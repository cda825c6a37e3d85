// aof.go holds the append-only file's writer. One goroutine takes what the
// journal collected, writes it, fsyncs it when the policy is always, and
// wakes the connections waiting for it: writes from many connections share
// one write and one fsync (group commit). In everysec mode a second
// goroutine fsyncs in the background about once a second. A failed write or
// fsync keeps the unwritten bytes, refuses new writes, and is retried until
// the disk recovers; the replies to the writes it holds wait until then.
package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const (
	aofName      = "appendonly.aof"
	flushTick    = 100 * time.Millisecond // the writer's housekeeping period
	retryEvery   = time.Second            // a failing file is retried this often
	syncEvery    = time.Second            // everysec's period
	maxKeptWrite = 4 << 20                // largest write buffer kept for reuse
)

// fsyncPolicy is -appendfsync.
type fsyncPolicy int

const (
	fsyncAlways   fsyncPolicy = iota // acknowledge after fsync
	fsyncEverysec                    // acknowledge after write; fsync once a second
	fsyncNo                          // acknowledge after write; the OS fsyncs
)

var fsyncNames = [...]string{"always", "everysec", "no"}

// String returns the policy's appendfsync name.
func (p fsyncPolicy) String() string { return fsyncNames[p] }

// parseFsyncPolicy reads an -appendfsync value, case-insensitively.
func parseFsyncPolicy(s string) (fsyncPolicy, error) {
	for i, name := range fsyncNames {
		if strings.EqualFold(s, name) {
			return fsyncPolicy(i), nil
		}
	}
	return 0, fmt.Errorf("invalid -appendfsync %q: use always, everysec or no", s)
}

// aofFile is what the writer needs of the file; *os.File is one, and
// tests put one in its place that fails like a full disk.
type aofFile interface {
	Write(p []byte) (int, error)
	Sync() error
	Close() error
}

// syncData flushes f's data to the disk: fdatasync for a real file, as
// Redis does (it skips metadata such as mtime that replay does not need).
func syncData(f aofFile) error {
	if of, ok := f.(*os.File); ok {
		for {
			err := syscall.Fdatasync(int(of.Fd()))
			if err != syscall.EINTR {
				return err
			}
		}
	}
	return f.Sync()
}

// errAOFClosed answers a wait after the file was closed.
var errAOFClosed = errors.New("the append-only file is closed")

// aof is an open append-only file and its writer.
type aof struct {
	srv       *Server
	path, dir string
	policy    fsyncPolicy
	journal   *Journal
	log       *slog.Logger

	kick     chan struct{} // a connection waits: write now
	stop     chan struct{} // closed by close
	stopped  chan struct{} // closed when the writer has finished
	switches chan *rewrite // a finished rewrite asks the writer to switch files
	closeErr error         // the final flush's outcome, set before stopped
	failing  atomic.Pointer[error]

	mu       sync.Mutex
	cond     *sync.Cond // broadcast when written, synced or err change
	file     aofFile
	wrap     func(aofFile) aofFile // tests: wraps each file the writer uses
	base     int64                 // journal position of the file's first byte
	written  int64                 // journal position up to which the file holds the log
	synced   int64                 // ... and up to which it is fsynced
	size     int64                 // bytes in the file
	baseSize int64                 // size after the last rewrite or load
	err      error                 // why the last write or fsync failed; nil when healthy
	closed   bool
	noMore   bool          // close began: no new rewrite may start
	retry    time.Duration // a failing file is retried this often

	syncMu sync.Mutex // held across a background fsync; the file is not swapped meanwhile

	// owned by the writer goroutine
	pending []byte // taken from the journal, not yet written
	spare   []byte
	lastTry time.Time

	rw rewriteStatus
}

// openAOF loads Dir/appendonly.aof into the server's store (creating the
// directory and the file as needed), then opens it for appending and
// starts the writer.
func openAOF(s *Server) (*aof, error) {
	policy, err := parseFsyncPolicy(s.cfg.AppendFsync)
	if err != nil {
		return nil, err
	}
	dir := s.cfg.Dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	removeStaleTemps(dir, s.log)
	path := filepath.Join(dir, aofName)
	size, err := s.loadAOF(path)
	if err != nil {
		return nil, err
	}
	_, statErr := os.Stat(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("append-only file: %w", err)
	}
	if statErr != nil { // just created: make its name durable
		if err := syncDir(dir); err != nil {
			f.Close()
			return nil, err
		}
	}
	a := newAOF(s, path, policy, f, size)
	go a.run()
	if policy == fsyncEverysec {
		go a.syncLoop()
	}
	return a, nil
}

// newAOF returns the state of a file holding size bytes, with a new
// journal.
func newAOF(s *Server, path string, policy fsyncPolicy, f aofFile, size int64) *aof {
	j := NewJournal()
	a := &aof{
		srv: s, path: path, dir: filepath.Dir(path), policy: policy,
		journal: j, log: s.log, retry: retryEvery,
		kick: make(chan struct{}, 1), stop: make(chan struct{}),
		stopped: make(chan struct{}), switches: make(chan *rewrite),
		file: f, base: -size, size: size, baseSize: size,
	}
	a.cond = sync.NewCond(&a.mu)
	a.rw.lastSec.Store(-1)
	return a
}

// removeStaleTemps deletes rewrite files a crash left behind.
func removeStaleTemps(dir string, log *slog.Logger) {
	names, _ := filepath.Glob(filepath.Join(dir, "temp-rewriteaof-*.aof"))
	for _, n := range names {
		if err := os.Remove(n); err == nil {
			log.Warn("removed an unfinished append-only file rewrite", "file", n)
		}
	}
}

// syncDir fsyncs a directory, so a file created or renamed in it stays.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("fsync %s: %w", dir, err)
	}
	return nil
}

// durable is how far the log is as safe as the policy promises.
func (a *aof) durable() int64 {
	if a.policy == fsyncAlways {
		return a.synced
	}
	return a.written
}

// waitDurable blocks until everything logged so far is durable (fsynced
// for always, written for everysec and no). While the file is failing it
// waits on, as the writer retries until the disk recovers; it returns
// errAOFClosed if the file is closed first.
func (a *aof) waitDurable() error {
	target := a.journal.End()
	a.mu.Lock()
	defer a.mu.Unlock()
	kicked := false
	for a.durable() < target {
		switch {
		case a.closed:
			return errAOFClosed
		case !kicked:
			select {
			case a.kick <- struct{}{}:
			default: // a kick is already pending; its flush takes ours too
			}
			kicked = true
		}
		a.cond.Wait()
	}
	return nil
}

// run is the writer goroutine.
func (a *aof) run() {
	defer close(a.stopped)
	t := time.NewTicker(flushTick)
	defer t.Stop()
	for {
		select {
		case <-a.kick:
			// Let the connections that are ready to run log their writes
			// first, so that one write and fsync serve them all (as an
			// event loop serves every ready client before its fsync).
			runtime.Gosched()
			a.flush()
		case <-t.C:
			a.flush()
			a.maybeAutoRewrite()
		case rw := <-a.switches:
			rw.result <- a.switchTo(rw)
		case <-a.stop:
			a.closeErr = a.finish()
			return
		}
	}
}

// flush writes what the journal holds (and what an earlier failure left),
// fsyncs as the policy asks, and wakes the waiters. A failing file is
// retried at most once per a.retry.
func (a *aof) flush() error {
	a.mu.Lock()
	failing, retry := a.err, a.retry
	a.mu.Unlock()
	if failing != nil && time.Since(a.lastTry) < retry {
		return failing
	}
	a.takeJournal()
	needSync := a.policy == fsyncAlways || (failing != nil && a.policy == fsyncEverysec)
	a.mu.Lock()
	f, unsynced := a.file, a.synced < a.written
	a.mu.Unlock()
	if len(a.pending) == 0 && !(needSync && unsynced) {
		if failing != nil { // nothing left to retry: healthy again
			a.mu.Lock()
			a.setErr(nil)
			a.cond.Broadcast()
			a.mu.Unlock()
		}
		return nil
	}
	a.lastTry = time.Now()
	buf := a.pending
	n, err := 0, error(nil)
	if len(buf) > 0 {
		n, err = f.Write(buf)
	}
	synced := false
	if err == nil && needSync {
		if err = syncData(f); err == nil {
			synced = true
		} else {
			err = fmt.Errorf("fsync: %w", err)
		}
	}
	a.pending = buf[n:]
	if len(a.pending) == 0 && cap(buf) <= maxKeptWrite {
		a.spare, a.pending = buf[:0], nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.written += int64(n)
	a.size += int64(n)
	if synced {
		a.synced = a.written
	}
	a.setErr(err)
	a.cond.Broadcast()
	return err
}

// takeJournal moves the journal's bytes to a.pending.
func (a *aof) takeJournal() {
	data, _ := a.journal.take(a.spare)
	a.spare = nil
	if len(a.pending) == 0 {
		a.pending = data
		return
	}
	a.pending = append(a.pending, data...)
	a.spare = data
}

// setErr records the outcome of a write or fsync (nil: success), logs
// changes, and publishes it for writeError. The caller holds a.mu.
func (a *aof) setErr(err error) {
	switch {
	case err != nil && a.err == nil:
		a.log.Error("append-only file write failed; refusing writes until it recovers", "file", a.path, "err", err)
	case err == nil && a.err != nil:
		a.log.Info("append-only file writes recovered", "file", a.path)
	}
	a.err = err
	if err == nil {
		a.failing.Store(nil)
		return
	}
	e := fmt.Errorf("Errors writing to the AOF file: %s", strerror(err))
	a.failing.Store(&e)
}

// strerror words err as C's strerror does for an errno ("No space left on
// device"), as Redis reports it.
func strerror(err error) string {
	var errno syscall.Errno
	msg := err.Error()
	if errors.As(err, &errno) {
		msg = errno.Error()
	}
	if msg != "" && 'a' <= msg[0] && msg[0] <= 'z' {
		msg = string(msg[0]-'a'+'A') + msg[1:]
	}
	return msg
}

// syncLoop is everysec's background fsync.
func (a *aof) syncLoop() {
	t := time.NewTicker(syncEvery)
	defer t.Stop()
	for {
		select {
		case <-a.stop:
			return
		case <-t.C:
			a.syncWritten()
		}
	}
}

// syncWritten fsyncs what has been written, without holding up writes.
func (a *aof) syncWritten() {
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	a.mu.Lock()
	f, target, need := a.file, a.written, a.synced < a.written && !a.closed
	a.mu.Unlock()
	if !need {
		return
	}
	err := syncData(f)
	a.mu.Lock()
	defer a.mu.Unlock()
	if err != nil {
		a.setErr(fmt.Errorf("fsync: %w", err))
	} else if target > a.synced {
		a.synced = target
	}
	a.cond.Broadcast()
}

// finish is the writer's last act: write everything, fsync, close.
func (a *aof) finish() error {
	a.lastTry = time.Time{}
	werr := a.flush()
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	serr := syncData(a.file)
	if serr == nil {
		a.synced = a.written
	}
	cerr := a.file.Close()
	a.closed = true
	a.cond.Broadcast()
	if werr == nil && len(a.pending) > 0 {
		werr = fmt.Errorf("%d bytes could not be written", len(a.pending))
	}
	return errors.Join(werr, serr, cerr)
}

// close stops any rewrite, then has the writer flush, fsync and close.
func (a *aof) close() error {
	a.mu.Lock()
	a.noMore = true
	a.mu.Unlock()
	a.rw.abort.Store(true)
	a.rw.wg.Wait()
	close(a.stop)
	<-a.stopped
	if a.closeErr != nil {
		return fmt.Errorf("closing the append-only file: %w", a.closeErr)
	}
	a.log.Info("append-only file flushed and closed", "file", a.path)
	return nil
}
