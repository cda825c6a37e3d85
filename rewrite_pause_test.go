// rewrite_pause_test.go measures the longest pause a rewrite of 1,000,000
// keys causes for clients (set NOSQL_PAUSE_TEST=1; run without -race for
// real numbers): probes time each request before and during the rewrite.
package main

import (
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRewritePause(t *testing.T) {
	if os.Getenv("NOSQL_PAUSE_TEST") == "" {
		t.Skip("set NOSQL_PAUSE_TEST=1 to measure")
	}
	keys := 1000000
	var logs syncBuffer
	srv := startServer(t, withAOF(t.TempDir(), "everysec"), func(c *Config) {
		c.AutoAOFRewritePercentage = 0
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	for i := 0; i < keys; i++ {
		sdb(srv).Set([]byte(fmt.Sprint("key:", i)), []byte(fmt.Sprint("value:", i)))
	}
	srv.waitDurable()
	var stop atomic.Bool
	probe := func(write bool, lat *[]time.Duration, wg *sync.WaitGroup) {
		defer wg.Done()
		c := dialServer(t, srv)
		for i := 0; !stop.Load(); i++ {
			k := fmt.Sprint("key:", (i*7919)%keys)
			t0 := time.Now()
			if write {
				c.do("SET", k, "x")
			} else {
				c.do("GET", k)
			}
			*lat = append(*lat, time.Since(t0))
		}
	}
	measure := func(during func()) (w, r []time.Duration) {
		var wg sync.WaitGroup
		stop.Store(false)
		wg.Add(2)
		go probe(true, &w, &wg)
		go probe(false, &r, &wg)
		during()
		stop.Store(true)
		wg.Wait()
		return w, r
	}
	report := func(name string, lat []time.Duration) {
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		n := len(lat)
		t.Logf("%-22s %7d requests  p50 %-10v p99 %-10v p99.9 %-10v max %v", name, n,
			lat[n/2], lat[n*99/100], lat[n*999/1000], lat[n-1])
	}
	w, r := measure(func() { time.Sleep(2 * time.Second) })
	report("SET, no rewrite", w)
	report("GET, no rewrite", r)
	var took time.Duration
	w, r = measure(func() {
		t0 := time.Now()
		if err := srv.aof().startRewrite(); err != nil {
			t.Fatal(err)
		}
		waitRewrites(t, srv, 1)
		took = time.Since(t0)
	})
	report("SET, during rewrite", w)
	report("GET, during rewrite", r)
	t.Logf("rewrite of %d keys took %v", keys, took)
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "rewritten") {
			t.Log(line)
		}
	}
}
