// groupcommit_test.go tests what each fsync policy costs: under always,
// writes from many connections share fsyncs; under everysec the
// background fsync catches up within about a second; a slow disk holds up
// acknowledgements of writes, never reads.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// slowFile counts fsyncs and makes each take delay.
type slowFile struct {
	f     aofFile
	syncs *atomic.Int64
	delay time.Duration
}

func (s *slowFile) Write(p []byte) (int, error) { return s.f.Write(p) }
func (s *slowFile) Close() error                { return s.f.Close() }
func (s *slowFile) Sync() error {
	s.syncs.Add(1)
	time.Sleep(s.delay)
	return s.f.Sync()
}

// slowDisk puts a slowFile in front of srv's file.
func slowDisk(srv *Server, syncs *atomic.Int64, delay time.Duration) {
	a := srv.aof()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.wrap = func(f aofFile) aofFile { return &slowFile{f: f, syncs: syncs, delay: delay} }
	a.file = a.wrap(a.file)
}

func TestAOFGroupCommit(t *testing.T) {
	srv := startServer(t, withAOF(t.TempDir(), "always"))
	var syncs atomic.Int64
	slowDisk(srv, &syncs, 2*time.Millisecond)
	const clients, each = 50, 20
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		c := dialServer(t, srv)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < each; j++ {
				if r := c.do("SET", fmt.Sprint("k", i, ":", j), "v"); r != "+OK\r\n" {
					t.Errorf("SET: %q", r)
					return
				}
			}
		}()
	}
	wg.Wait()
	n := syncs.Load()
	t.Logf("%d acknowledged writes, %d fsyncs", clients*each, n)
	if n > clients*each/5 {
		t.Fatalf("%d fsyncs for %d writes from %d clients: no group commit", n, clients*each, clients)
	}
	a := srv.aof()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.synced != a.journal.End() {
		t.Fatalf("acknowledged but not fsynced: synced %d, logged %d", a.synced, a.journal.End())
	}
}

func TestAOFEverysecSyncsInBackground(t *testing.T) {
	srv := startServer(t, withAOF(t.TempDir(), "everysec"))
	var syncs atomic.Int64
	slowDisk(srv, &syncs, 0)
	c := dialServer(t, srv)
	for i := 0; i < 200; i++ {
		c.do("SET", fmt.Sprint("k", i), "v")
	}
	if n := syncs.Load(); n > 1 {
		t.Fatalf("%d fsyncs for 200 writes under everysec", n)
	}
	end := srv.aof().journal.End()
	deadline := time.Now().Add(3 * time.Second)
	for {
		srv.aof().mu.Lock()
		synced := srv.aof().synced
		srv.aof().mu.Unlock()
		if synced >= end {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("everysec: not fsynced after 3s (%d of %d)", synced, end)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestAOFSlowDiskDoesNotBlockReads(t *testing.T) {
	const delay, writes = 300 * time.Millisecond, 5
	for _, policy := range []string{"always", "everysec"} {
		t.Run(policy, func(t *testing.T) {
			srv := startServer(t, withAOF(t.TempDir(), policy))
			reader := dialServer(t, srv)
			reader.do("SET", "r", "1")
			var syncs atomic.Int64
			slowDisk(srv, &syncs, delay)
			writer, err := dialRaw(srv.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer writer.close()
			if policy == "everysec" { // wait for a background fsync to begin
				writer.do("SET", "w", "start")
				for deadline := time.Now().Add(3 * time.Second); syncs.Load() == 0; time.Sleep(time.Millisecond) {
					if time.Now().After(deadline) {
						t.Fatal("no background fsync")
					}
				}
			}
			done := make(chan time.Duration, 1)
			go func() {
				t0 := time.Now()
				for i := 0; i < writes; i++ {
					if r, err := writer.do("SET", "w", fmt.Sprint(i)); err != nil || r != "+OK\r\n" {
						t.Errorf("SET: %q %v", r, err)
						break
					}
				}
				done <- time.Since(t0)
			}()
			for i := 0; i < 20; i++ {
				t0 := time.Now()
				if r := reader.do("GET", "r"); r != "$1\r\n1\r\n" {
					t.Fatalf("GET: %q", r)
				}
				if d := time.Since(t0); d > delay/2 {
					t.Fatalf("a read waited %v for a slow disk", d)
				}
				time.Sleep(10 * time.Millisecond)
			}
			took := <-done
			t.Logf("%d writes took %v with %v fsyncs", writes, took, delay)
			if policy == "everysec" && took > delay {
				t.Fatalf("everysec: %d writes waited for a slow fsync (%v)", writes, took)
			}
			if policy == "always" && took < writes*delay {
				t.Fatalf("always: %d writes took only %v with %v fsyncs", writes, took, delay)
			}
		})
	}
}
