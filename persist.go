// persist.go connects the server to its append-only file: opening and
// loading it at start-up, waiting for it before acknowledging writes,
// refusing writes while it cannot be written, closing it at shutdown, and
// the INFO persistence fields.
package main

import (
	"strconv"
	"time"
)

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
	s.aof, s.dirLock = a, lock
	return nil
}

// closePersistence flushes and closes the append-only file, then releases
// the data directory.
func (s *Server) closePersistence() error {
	if s.aof == nil {
		return nil
	}
	err := s.aof.close()
	s.dirLock.Close()
	return err
}

// waitDurable blocks until every logged write is as durable as the fsync
// policy promises.
func (s *Server) waitDurable() error {
	if s.aof == nil {
		return nil
	}
	return s.aof.waitDurable()
}

// writeError returns why writes are refused (the append-only file cannot
// be written), or nil when they are accepted.
func (s *Server) writeError() error {
	if s.aof == nil {
		return nil
	}
	if e := s.aof.failing.Load(); e != nil {
		return *e
	}
	return nil
}

// appendPersistenceInfo appends the INFO persistence section's
// append-only file fields.
func (s *Server) appendPersistenceInfo(dst []byte) []byte {
	a := s.aof
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
