// persist.go connects the server to its append-only file: opening and
// loading it at start-up, waiting for it before acknowledging writes,
// refusing writes while it cannot be written, closing it at shutdown, and
// the INFO persistence fields.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// aof returns the open append-only file, or nil while appendonly is off.
func (s *Server) aof() *aof { return s.aofp.Load() }

// openPersistence locks the data directory, then loads and opens the
// append-only file, when persistence is on.
func (s *Server) openPersistence() error {
	if !s.cfg.AppendOnly {
		return nil
	}
	lock, err := lockDir(s.cfg.Dir)
	if err != nil {
		return err
	}
	a, err := openAOF(s)
	if err != nil {
		lock.Close()
		return err
	}
	s.aofp.Store(a)
	s.dirLock = lock
	return nil
}

// closePersistence flushes and closes the append-only file, then releases
// the data directory.
func (s *Server) closePersistence() error {
	s.persistMu.Lock()
	defer s.persistMu.Unlock()
	a := s.aof()
	if a == nil {
		return nil
	}
	err := a.close()
	s.dirLock.Close()
	return err
}

// waitDurable blocks until every logged write is as durable as the fsync
// policy promises.
func (s *Server) waitDurable() error {
	if a := s.aof(); a != nil {
		return a.waitDurable()
	}
	return nil
}

// enableAOF turns the append-only file on while the server runs (CONFIG
// SET appendonly yes), as Redis does with a rewrite: under every shard's
// lock the keyspace is copied and the journal begins, so every later
// write is logged after the copy; the copy is then written to a temporary
// file in the background, which is renamed over appendonly.aof before the
// writer starts appending the journal to it. Until then, replies to
// writes wait for it.
func (s *Server) enableAOF() error {
	s.persistMu.Lock()
	defer s.persistMu.Unlock()
	if s.aof() != nil || s.closing.Load() {
		return nil
	}
	policy, err := parseFsyncPolicy(s.cfg.AppendFsync)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.cfg.Dir, 0o755); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	lock, err := lockDir(s.cfg.Dir)
	if err != nil {
		return err
	}
	removeStaleTemps(s.cfg.Dir, s.log)
	path := filepath.Join(s.cfg.Dir, aofName)
	tmpPath := filepath.Join(s.cfg.Dir, fmt.Sprintf("temp-rewriteaof-bg-%d.aof", os.Getpid()))
	f, err := os.OpenFile(tmpPath, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		lock.Close()
		return fmt.Errorf("append-only file: %w", err)
	}
	a := newAOF(s, path, policy, f, 0)
	var ents []snapEntry
	unlock := s.store.lockAll()
	for i := range s.store.shards {
		ents = captureShard(&s.store.shards[i], ents)
	}
	s.aofp.Store(a) // commands that log take their shards' locks: none runs now
	unlock()
	s.dirLock = lock
	a.rw.wg.Add(1) // close waits for the copy to be written
	go a.writeFirst(ents, tmpPath)
	s.log.Info("append-only file switched on: writing the keyspace to it", "file", path, "keys", len(ents))
	return nil
}

// writeFirst writes the keyspace copied when the file was switched on,
// makes it appendonly.aof, and starts the writer.
func (a *aof) writeFirst(ents []snapEntry, tmpPath string) {
	defer a.rw.wg.Done()
	r := &rewrite{a: a, tmp: a.file.(*os.File), db: -1}
	r.w = bufio.NewWriterSize(sizeCounter{r.tmp, &r.size}, 1<<20)
	err := r.writeEntries(ents)
	if err == nil {
		err = r.finishTemp()
	}
	if err == nil {
		err = os.Rename(tmpPath, a.path)
	}
	if err == nil {
		err = syncDir(a.dir)
	}
	a.mu.Lock()
	a.base, a.size, a.baseSize = -r.size, r.size, r.size
	a.mu.Unlock()
	if err != nil {
		a.log.Error("writing the keyspace to the new append-only file failed; writes are refused", "err", err)
		a.setErr(err)
		a.mu.Lock()
		a.retry = time.Duration(1<<63 - 1) // the file lacks the keyspace: never append to it
		a.mu.Unlock()
	} else {
		a.log.Info("append-only file written", "file", a.path, "bytes", r.size)
	}
	go a.run()
	if a.policy == fsyncEverysec {
		go a.syncLoop()
	}
}

// switchAOF applies CONFIG SET appendonly (1: yes). A file that cannot
// be opened is refused with Redis's error, CONFIG SET then restoring what
// it set with it; a failure closing it is logged. CONFIG GET shows the
// state the file is in.
func (s *Server) switchAOF(on int64) string {
	if on == 1 {
		if err := s.enableAOF(); err != nil {
			s.log.Error("CONFIG SET appendonly yes failed", "err", err)
			return "Unable to turn on AOF. Check server logs."
		}
		return ""
	}
	if err := s.disableAOF(); err != nil {
		s.log.Error("CONFIG SET appendonly no failed", "err", err)
	}
	return ""
}

// disableAOF turns the append-only file off while the server runs (CONFIG
// SET appendonly no): writes stop being logged, and the file is flushed,
// fsynced and closed.
func (s *Server) disableAOF() error {
	s.persistMu.Lock()
	defer s.persistMu.Unlock()
	a := s.aof()
	if a == nil {
		return nil
	}
	unlock := s.store.lockAll()
	s.aofp.Store(nil)
	unlock()
	err := a.close()
	s.dirLock.Close()
	return err
}

// writeError returns why writes are refused (the append-only file cannot
// be written), or nil when they are accepted.
func (s *Server) writeError() error {
	if a := s.aof(); a != nil {
		if e := a.failing.Load(); e != nil {
			return *e
		}
	}
	return nil
}

// appendPersistenceInfo appends the INFO persistence section's
// append-only file fields.
func (s *Server) appendPersistenceInfo(dst []byte) []byte {
	a := s.aof()
	if a == nil {
		dst = append(dst, "aof_enabled:0\r\naof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0\r\n"...)
		dst = append(dst, "aof_last_rewrite_time_sec:-1\r\naof_current_rewrite_time_sec:-1\r\n"...)
		return append(dst, "aof_last_bgrewrite_status:ok\r\naof_rewrites:0\r\naof_last_write_status:ok\r\n"...)
	}
	running := a.rw.running.Load()
	current := int64(-1)
	if running {
		current = int64(time.Since(time.Unix(0, a.rw.started.Load())) / time.Second)
	}
	a.mu.Lock()
	size, base, failing := a.size, a.baseSize, a.err != nil
	a.mu.Unlock()
	dst = append(dst, "aof_enabled:1\r\n"...)
	dst = aofInfoInt(dst, "aof_rewrite_in_progress", aofBool(running))
	dst = append(dst, "aof_rewrite_scheduled:0\r\n"...)
	dst = aofInfoInt(dst, "aof_last_rewrite_time_sec", a.rw.lastSec.Load())
	dst = aofInfoInt(dst, "aof_current_rewrite_time_sec", current)
	dst = aofInfoStatus(dst, "aof_last_bgrewrite_status", a.rw.failed.Load())
	dst = aofInfoInt(dst, "aof_rewrites", a.rw.count.Load())
	dst = aofInfoStatus(dst, "aof_last_write_status", failing)
	dst = aofInfoInt(dst, "aof_current_size", size)
	dst = aofInfoInt(dst, "aof_base_size", base)
	dst = append(dst, "aof_pending_rewrite:0\r\n"...)
	return aofInfoInt(dst, "aof_buffer_length", int64(a.journal.Buffered()))
}

func aofInfoInt(dst []byte, name string, n int64) []byte {
	dst = append(dst, name...)
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, n, 10)
	return append(dst, '\r', '\n')
}

func aofInfoStatus(dst []byte, name string, failed bool) []byte {
	dst = append(dst, name...)
	if failed {
		return append(dst, ":err\r\n"...)
	}
	return append(dst, ":ok\r\n"...)
}

func aofBool(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
