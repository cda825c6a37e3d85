// aof_rewrite.go holds compaction of the append-only file. A rewrite runs
// in the background while clients keep reading and writing:
//
//  1. Snapshot: each shard in turn is copied under its lock (writers
//     of that one shard wait for the copy, nobody else does), noting the
//     journal position at that moment (the shard's cut), and written to a
//     temporary file as SET / RPUSH / PUTLIST records.
//  2. Tail: the records logged since the earliest cut are read back from
//     the current file; below the latest cut a record is kept only if it
//     came after the cut of the shards it touches. A record touching shards
//     on both sides of their cuts (a multi-key write during the snapshot)
//     cannot be placed: the rewrite starts over once with a single snapshot
//     of all shards taken under all their locks.
//  3. Switch: the writer goroutine copies the last records, fsyncs the
//     temporary file, renames it over appendonly.aof, fsyncs the directory
//     and carries on appending to the new file.
//
// Until the rename the old file is whole; after it the new one is, so a
// crash at any moment loads the last acknowledged state.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

const (
	autoRetryAfter    = 10 * time.Second // after a failed automatic rewrite
	incrementalFsync  = 32 << 20         // fsync the new file every this many bytes
	catchUpSlack      = 256 << 10        // the writer copies at most about this much at the switch
	maxCatchUpRounds  = 20
	maxAOFBulk        = 1 << 50 // longest value a record may declare
	rewriteItemsPerOp = 64      // list elements per RPUSH, as Redis writes them
)

var (
	errRewriteRunning = errors.New("Background append only file rewriting already in progress")
	errRewriteAborted = errors.New("rewrite aborted: the server is shutting down")
	errCrossing       = errors.New("a multi-key write crossed the snapshot")
)

// rewriteStatus is what INFO persistence reports about rewrites.
type rewriteStatus struct {
	running  atomic.Bool
	abort    atomic.Bool
	wg       sync.WaitGroup
	started  atomic.Int64 // unix nanoseconds when the running rewrite began
	lastSec  atomic.Int64 // seconds the last rewrite took; -1 before the first
	failed   atomic.Bool  // the last rewrite failed
	count    atomic.Int64 // rewrites started
	nextAuto atomic.Int64 // unix nanoseconds before which no automatic rewrite starts
}

// rewriteStats describe one finished rewrite.
type rewriteStats struct {
	keys        int64
	size        int64
	longestHold time.Duration // longest time a shard was read-locked
	switchPause time.Duration // time the writer spent switching files
}

// rewrite is one rewrite in progress.
type rewrite struct {
	a       *aof
	tmpPath string
	tmp     *os.File
	w       *bufio.Writer
	size    int64 // bytes handed to tmp (not counting w's buffer)
	syncAt  int64 // size at the last incremental fsync
	src     *os.File
	srcBase int64 // journal position of src's first byte
	cut     [numShards]int64
	maxCut  int64
	pos     int64 // journal position of the next byte to copy from src
	renamed bool
	result  chan error
	buf     []byte
	db      int // the database the snapshot's records are in (-1: none yet)
	stats   rewriteStats
}

// startRewrite begins a background rewrite.
func (a *aof) startRewrite() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.noMore {
		return errAOFClosed
	}
	if !a.rw.running.CompareAndSwap(false, true) {
		return errRewriteRunning
	}
	a.rw.wg.Add(1)
	a.rw.count.Add(1)
	a.rw.started.Store(time.Now().UnixNano())
	go a.rewrite()
	return nil
}

// maybeAutoRewrite starts a rewrite when the file passed the thresholds:
// at least -auto-aof-rewrite-min-size, and grown by
// -auto-aof-rewrite-percentage over its size after the last rewrite.
func (a *aof) maybeAutoRewrite() {
	pct, minSize := a.srv.cfg.AutoAOFRewritePercentage, a.srv.cfg.AutoAOFRewriteMinSize
	if pct <= 0 || a.rw.running.Load() || time.Now().UnixNano() < a.rw.nextAuto.Load() {
		return
	}
	a.mu.Lock()
	size, base, failing := a.size, max(a.baseSize, 1), a.err
	a.mu.Unlock()
	if failing != nil || size < minSize {
		return
	}
	if growth := (size - base) * 100 / base; growth >= pct {
		a.log.Info("starting automatic append-only file rewrite", "growth_pct", growth, "size", size, "base_size", base)
		a.startRewrite()
	}
}

// rewrite runs one rewrite and records its outcome.
func (a *aof) rewrite() {
	defer a.rw.wg.Done()
	defer a.rw.running.Store(false)
	t0 := time.Now()
	st, err := a.rewriteOnce(false)
	if errors.Is(err, errCrossing) {
		a.log.Info("a multi-key write crossed the rewrite's snapshot; rewriting again from one snapshot of all shards")
		st, err = a.rewriteOnce(true)
	}
	took := time.Since(t0)
	a.rw.lastSec.Store(int64(took / time.Second))
	if err != nil {
		a.rw.failed.Store(true)
		a.rw.nextAuto.Store(time.Now().Add(autoRetryAfter).UnixNano())
		a.log.Error("append-only file rewrite failed", "err", err, "took", took)
		return
	}
	a.rw.failed.Store(false)
	a.log.Info("append-only file rewritten", "keys", st.keys, "size", st.size, "took", took,
		"longest_shard_lock", st.longestHold, "switch_pause", st.switchPause)
}

// rewriteOnce writes a new file and has the writer switch to it; whole
// takes one snapshot of all shards instead of one shard at a time.
func (a *aof) rewriteOnce(whole bool) (rewriteStats, error) {
	r, err := a.newRewrite()
	if err != nil {
		return rewriteStats{}, err
	}
	defer r.cleanup()
	if whole {
		err = r.snapshotWhole()
	} else {
		err = r.snapshotShards()
	}
	if err == nil {
		err = r.copyTail()
	}
	if err == nil {
		err = r.finishTemp()
	}
	if err == nil {
		err = a.requestSwitch(r)
	}
	r.stats.size = r.size
	return r.stats, err
}

// newRewrite opens the current file for reading and the temporary file.
func (a *aof) newRewrite() (*rewrite, error) {
	a.mu.Lock()
	base := a.base
	a.mu.Unlock()
	src, err := os.Open(a.path)
	if err != nil {
		return nil, err
	}
	r := &rewrite{a: a, src: src, srcBase: base, result: make(chan error, 1), db: -1}
	r.tmpPath = filepath.Join(a.dir, fmt.Sprintf("temp-rewriteaof-bg-%d.aof", os.Getpid()))
	r.tmp, err = os.OpenFile(r.tmpPath, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		src.Close()
		return nil, err
	}
	r.w = bufio.NewWriterSize(sizeCounter{r.tmp, &r.size}, 1<<20)
	return r, nil
}

// cleanup closes what the rewrite opened and removes an unused temp file.
func (r *rewrite) cleanup() {
	r.src.Close()
	if !r.renamed {
		r.tmp.Close()
		os.Remove(r.tmpPath)
	}
}

// sizeCounter counts the bytes written through it.
type sizeCounter struct {
	w io.Writer
	n *int64
}

// Write writes p on and counts the bytes written.
func (c sizeCounter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

// finishTemp flushes and fsyncs the temporary file.
func (r *rewrite) finishTemp() error {
	if err := r.w.Flush(); err != nil {
		return err
	}
	r.syncAt = r.size
	return r.tmp.Sync()
}

// requestSwitch hands the finished rewrite to the writer goroutine.
func (a *aof) requestSwitch(r *rewrite) error {
	select {
	case a.switches <- r:
	case <-a.stop:
		return errRewriteAborted
	}
	return <-r.result
}

// switchTo runs in the writer goroutine: it writes what the journal holds
// to the old file, copies the rest of the old file's tail to the new one,
// fsyncs it, renames it into place, fsyncs the directory, and appends to
// the new file from then on.
func (a *aof) switchTo(r *rewrite) error {
	t0 := time.Now()
	if err := a.flush(); err != nil {
		return err
	}
	a.mu.Lock()
	written, failing := a.written, a.err
	a.mu.Unlock()
	if failing != nil {
		return failing
	}
	if len(a.pending) > 0 {
		return errors.New("the log could not be written in full")
	}
	if err := r.copyRaw(written); err != nil {
		return err
	}
	if err := r.finishTemp(); err != nil {
		return err
	}
	if err := os.Rename(r.tmpPath, a.path); err != nil {
		return err
	}
	r.renamed = true
	if err := syncDir(a.dir); err != nil {
		a.log.Warn("the rename of the rewritten file may not survive a power loss", "err", err)
	}
	var nf aofFile = r.tmp
	a.syncMu.Lock()
	a.mu.Lock()
	old := a.file
	if a.wrap != nil {
		nf = a.wrap(nf)
	}
	a.file = nf
	a.base = written - r.size
	a.size, a.baseSize = r.size, r.size
	a.synced = max(a.synced, written)
	a.mu.Unlock()
	a.syncMu.Unlock()
	old.Close()
	r.stats.switchPause = time.Since(t0)
	return nil
}

// waitWritten waits until the file holds the log up to target.
func (a *aof) waitWritten(target int64) error {
	for {
		a.mu.Lock()
		written, err := a.written, a.err
		a.mu.Unlock()
		switch {
		case written >= target:
			return nil
		case err != nil:
			return err
		case a.rw.abort.Load():
			return errRewriteAborted
		}
		select {
		case a.kick <- struct{}{}:
		default:
		}
		time.Sleep(time.Millisecond)
	}
}

// writtenPos returns how far the file holds the log.
func (a *aof) writtenPos() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.written
}
