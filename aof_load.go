// aof_load.go holds start-up loading of the append-only file. Each record
// is replayed through the RESP command table by a client whose replies are
// discarded, while the store's journal is detached (replay must not
// log again). A last record cut short by a crash is dropped and the file
// truncated; damage anywhere else refuses start-up.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"time"
)

const (
	loadProgressEvery = time.Second
	maxReplayWarnings = 10
)

// loadAOF replays path into the store and returns the size of the whole
// records it holds (the file is truncated to that size if its last record
// was cut short). A missing file is an empty log.
func (s *Server) loadAOF(path string) (int64, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		s.log.Info("no append-only file yet; starting empty", "file", path)
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("append-only file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	t0 := time.Now()
	s.log.Info("loading append-only file", "file", path, "size", st.Size())
	rp := &replayer{srv: s, c: newReplayClient(s)}
	end, err := rp.run(f, st.Size())
	if err != nil {
		return 0, err
	}
	switch {
	case rp.tornTx > 0:
		s.log.Warn("the append-only file ends inside a transaction (a crash while writing it); dropping the whole transaction",
			"file", path, "offset", end, "bytes_lost", st.Size()-end)
		if err := f.Truncate(end); err != nil {
			return 0, fmt.Errorf("truncating the append-only file: %w", err)
		}
		if err := f.Sync(); err != nil {
			return 0, err
		}
	case end < st.Size():
		if err := s.dropTornTail(f, path, end, st.Size()); err != nil {
			return 0, err
		}
	}
	dropped := s.store.dropExpired(time.Now().UnixMilli())
	s.log.Info("append-only file loaded", "keys", s.store.Len(), "records", rp.records,
		"bytes", end, "expired_dropped", dropped, "took", time.Since(t0).Round(time.Millisecond))
	if rp.failed > 0 {
		s.log.Warn("some records failed when replayed (see above)", "failed", rp.failed)
	}
	return end, nil
}

// replayer applies records to the store.
type replayer struct {
	srv             *Server
	c               *client
	records, failed int64
	multiStart      int64 // offset of the last MULTI
	tornTx          int64 // bytes of whole records in a transaction cut short at the end
}

// newReplayClient returns the client that replays the log: authenticated,
// with no address, its replies discarded.
func newReplayClient(s *Server) *client {
	c := newClient(s, nil, nil)
	c.authed, c.discard = true, true
	c.rec.on, c.rec.loading = false, true
	return c
}

// run replays every whole record of f (size bytes) and returns where the
// whole records end.
func (rp *replayer) run(f *os.File, size int64) (int64, error) {
	s := rp.srv
	rr := newRecordReader(f, 0, 1<<20, maxAOFBulk)
	next := time.Now().Add(loadProgressEvery)
	for {
		start, err := rr.next()
		switch {
		case err == io.EOF || err == errTorn:
			if rp.c.multi { // a transaction cut short: none of it happened
				rp.c.discardTx()
				rp.tornTx = start - rp.multiStart
				return rp.multiStart, nil
			}
			return start, nil
		case err != nil:
			return 0, aofDamaged(f.Name(), err, start)
		}
		if !rp.c.multi && bytes.EqualFold(rr.args[0], []byte("multi")) {
			rp.multiStart = start
		}
		if err := rp.apply(rr.args); err != nil {
			return 0, fmt.Errorf("append-only file %s: the record at offset %d: %v; "+
				"edit the file or truncate it to %d bytes (everything after is lost)", f.Name(), start, err, start)
		}
		if d := s.conf.keyLoadDelay.Load(); d != 0 {
			loadDelay(d)
		}
		if rp.records++; rp.records%4096 == 0 && time.Now().After(next) {
			next = time.Now().Add(loadProgressEvery)
			s.log.Info("loading append-only file", "done_pct", strconv.FormatFloat(100*float64(rr.off)/float64(max(size, 1)), 'f', 1, 64),
				"bytes", rr.off, "records", rp.records)
		}
	}
}

// aofDamaged explains a damaged file and what to do about it.
func aofDamaged(name string, err error, record int64) error {
	var d *aofDamage
	if errors.As(err, &d) {
		record = d.record
	}
	return fmt.Errorf("append-only file %s is damaged: %v. It is whole up to offset %d. "+
		"Keep a copy, then run `nosql check-aof -fix %s` to truncate it there, "+
		"which loses everything after offset %d", name, err, record, name, record)
}

// dropTornTail truncates the file to end, unless the bytes past it hold a
// whole record (then the damage is in the middle, not a crash's cut).
func (s *Server) dropTornTail(f *os.File, path string, end, size int64) error {
	lost := size - end
	if lost <= maxTornScan {
		tail := make([]byte, lost)
		if _, err := f.ReadAt(tail, end); err != nil {
			return fmt.Errorf("append-only file: %w", err)
		}
		if holdsWholeRecord(tail, maxAOFBulk) {
			return aofDamaged(path, fmt.Errorf("the record at offset %d is cut short, yet whole records follow it", end), end)
		}
	} else {
		return aofDamaged(path, fmt.Errorf("the last record, at offset %d, is cut short %d bytes before the end", end, lost), end)
	}
	s.log.Warn("the append-only file's last record was cut short (a crash while writing it); dropping it",
		"file", path, "offset", end, "bytes_lost", lost)
	if err := f.Truncate(end); err != nil {
		return fmt.Errorf("truncating the append-only file: %w", err)
	}
	return f.Sync()
}

// apply replays one record: PUTLIST (an empty list, which RESP cannot
// express) here, any other write command through the command table.
func (rp *replayer) apply(args [][]byte) error {
	c := rp.c
	if isPutList(args[0]) {
		if len(args) != 2 {
			return errors.New("PUTLIST takes exactly one key")
		}
		var set shardSet
		set.add(rp.srv.store.shardIndex(args[1]))
		rp.srv.store.lock(&set)
		defer rp.srv.store.unlock(&set)
		c.db.SetList(args[1], nil)
		return nil
	}
	cmd := rp.srv.command(args[0])
	if cmd == nil || (cmd.flags|cmd.flagsFor(args))&(flagWrite|flagNoQueue) == 0 && cmd.name != "select" {
		return fmt.Errorf("unknown write command %q", clip(args[0], 64))
	}
	if !cmd.arityOK(len(args)) {
		return fmt.Errorf("wrong number of arguments (%d) for %q", len(args), cmd.name)
	}
	c.resetOut()
	c.failed = false
	c.run(cmd, args)
	if c.failed {
		rp.failed++
		if rp.failed <= maxReplayWarnings {
			rp.srv.log.Warn("a replayed record failed", "command", cmd.name, "reply", c.errMsg)
		}
	}
	return nil
}

// loadDelay sleeps after a record is loaded, as Redis's key-load-delay
// does after a key: d microseconds, or for a negative d one microsecond
// once in -d records on average.
func loadDelay(d int64) {
	if d < 0 {
		if rand.Int64N(-d) != 0 {
			return
		}
		d = 1
	}
	time.Sleep(time.Duration(d) * time.Microsecond)
}
