// dirlock.go locks the data directory: a server with persistence on holds
// an exclusive flock on DIR/nosql.lock (which names its pid) from before it
// loads the append-only file until it shuts down, so a second server on the
// same directory refuses to start instead of interleaving its writes.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

const lockName = "nosql.lock"

// lockDir creates dir if needed and locks it, returning the open lock file
// (closing it releases the lock). If another server holds the lock, the
// error names the directory and that server's pid.
func lockDir(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("data directory lock: %w", err)
	}
	if err := flockNB(f); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("data directory %s is in use by another nosql server (pid %s, lock file %s)",
				absDir(dir), lockHolder(path), lockName)
		}
		return nil, fmt.Errorf("data directory lock %s: %w", path, err)
	}
	if err := writePid(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("data directory lock %s: %w", path, err)
	}
	return f, nil
}

// flockNB takes an exclusive lock on f without waiting.
func flockNB(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			return err
		}
	}
}

// writePid replaces the lock file's contents with this process's pid.
func writePid(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

// lockHolder returns the pid the lock file names, or "unknown".
func lockHolder(path string) string {
	b, err := os.ReadFile(path)
	if pid := strings.TrimSpace(string(b)); err == nil && pid != "" && len(pid) <= 20 {
		return pid
	}
	return "unknown"
}
