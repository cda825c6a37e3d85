// bench_load.go holds the clients of `nosql bench`: one goroutine per
// connection, each reusing its request and reply buffers, sending a whole
// pipeline batch in one write and timing each reply from that write, as
// redis-benchmark does; and the seeding of the keys a test reads.
package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	randPlaceholder = "__rand_int__" // replaced by a 12-digit key number
	keyspaceMax     = 1_000_000_000_000
	seedPipeline    = 256
	seedClients     = 4
	replyBufSize    = 64 << 10
)

// loadClient is one connection of the generator.
type loadClient struct {
	nc     net.Conn
	batch  []byte // the request, pipeline times over
	reqLen int
	holes  []int // offset of each request's key number in batch
	in     []byte
	rng    *rand.PCG
	space  uint64 // keyspace; 0: the key is left as written
	seq    bool   // key numbers count up from 0 (seeding) instead of random
	resp   bool   // replies are RESP, not semicolon-protocol lines
	replyState
}

// newLoadClient connects one client for a request repeated pipeline times.
func newLoadClient(addr, request string, pipeline int, space uint64, seq, resp bool, id int) (*loadClient, error) {
	nc, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	c := &loadClient{
		nc:     nc,
		batch:  []byte(strings.Repeat(request, pipeline)),
		reqLen: len(request),
		in:     make([]byte, replyBufSize),
		rng:    newLoadRand(id),
		space:  space,
		seq:    seq,
		resp:   resp,
	}
	if i := strings.Index(request, randPlaceholder); i >= 0 && space > 0 {
		for j := 0; j < pipeline; j++ {
			c.holes = append(c.holes, j*len(request)+i)
		}
	}
	return c, nil
}

// newLoadRand returns client id's random key numbers.
func newLoadRand(id int) *rand.PCG {
	return rand.NewPCG(uint64(id)+1, uint64(time.Now().UnixNano()))
}

// fillKeys writes the key numbers of the next k requests, the first of
// which is request number first of the test.
func (c *loadClient) fillKeys(k int, first int64) {
	for j, at := range c.holes[:min(k, len(c.holes))] {
		v := uint64(first) + uint64(j)
		if !c.seq {
			v = c.rng.Uint64() % c.space
		}
		b := c.batch[at : at+len(randPlaceholder)]
		for i := len(b) - 1; i >= 0; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
}

// run sends batches until n requests have been claimed by all clients
// together through next; done counts the answered ones. lat, when not nil,
// receives each request's latency at its number.
func (c *loadClient) run(n int64, pipeline int, next, done *atomic.Int64, lat []time.Duration) error {
	for {
		first := next.Add(int64(pipeline)) - int64(pipeline)
		if first >= n {
			return nil
		}
		k := int(min(int64(pipeline), n-first))
		c.fillKeys(k, first)
		t0 := time.Now()
		if _, err := c.nc.Write(c.batch[:k*c.reqLen]); err != nil {
			return err
		}
		for got := 0; got < k; {
			m, err := c.nc.Read(c.in)
			if m > 0 {
				d := time.Since(t0)
				lines := c.replies(c.in[:m])
				if got+lines > k {
					return fmt.Errorf("%d replies to %d requests", got+lines, k)
				}
				if lat != nil {
					for i := range lines {
						lat[first+int64(got+i)] = d
					}
				}
				got += lines
			}
			if err != nil && got < k {
				if err == io.EOF {
					err = errors.New("connection closed by the server")
				}
				return err
			}
		}
		done.Add(int64(k))
	}
}

// loadRun is one run of a request by a set of clients.
type loadRun struct {
	addr     string
	request  string
	clients  int
	requests int64
	pipeline int
	space    uint64
	seq      bool
	resp     bool
	timeout  time.Duration
	lat      []time.Duration // nil: latencies are not kept
}

// runBenchTest seeds the keys a test reads, then runs it.
func runBenchTest(cfg benchConfig, t benchTest) (benchResult, error) {
	if t.seed != "" {
		n := max(int64(cfg.keyspace), 1)
		seed := loadRun{addr: cfg.addr, request: t.seed, clients: seedClients, requests: n,
			pipeline: seedPipeline, space: uint64(cfg.keyspace), seq: true, resp: cfg.resp, timeout: cfg.timeout}
		res, err := seed.do()
		if err != nil {
			return res, fmt.Errorf("creating its keys: %v", err)
		}
		if res.errors > 0 {
			return res, fmt.Errorf("creating its keys: %d error replies; first: %q", res.errors, res.firstErr)
		}
	}
	run := loadRun{addr: cfg.addr, request: t.request, clients: cfg.clients, requests: int64(cfg.requests),
		pipeline: cfg.pipeline, space: uint64(cfg.keyspace), resp: cfg.resp, timeout: cfg.timeout,
		lat: make([]time.Duration, cfg.requests)}
	res, err := run.do()
	res.name = t.name
	return res, err
}

// do connects the clients, starts them together and waits for them.
func (r loadRun) do() (benchResult, error) {
	clients := make([]*loadClient, 0, r.clients)
	defer func() {
		for _, c := range clients {
			c.nc.Close()
		}
	}()
	for i := 0; i < r.clients; i++ {
		c, err := newLoadClient(r.addr, r.request, r.pipeline, r.space, r.seq, r.resp, i)
		if err != nil {
			return benchResult{}, err
		}
		clients = append(clients, c)
	}
	var next, done atomic.Int64
	var stalled atomic.Bool
	errs := make([]error, len(clients))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = c.run(r.requests, r.pipeline, &next, &done, r.lat)
		}()
	}
	stop := make(chan struct{})
	go r.watch(clients, &done, &stalled, stop)
	t0 := time.Now()
	close(start)
	wg.Wait()
	res := benchResult{elapsed: time.Since(t0), lat: r.lat}
	close(stop)
	if stalled.Load() {
		return res, fmt.Errorf("no reply for %v", r.timeout)
	}
	for _, c := range clients {
		if c.errors > 0 && res.errors == 0 {
			res.firstErr = c.first
		}
		res.errors += c.errors
	}
	for _, err := range errs {
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// watch closes the clients' connections when no batch completes for
// r.timeout, so a server that stops answering ends the run.
func (r loadRun) watch(clients []*loadClient, done *atomic.Int64, stalled *atomic.Bool, stop chan struct{}) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	last, since := done.Load(), time.Now()
	for {
		select {
		case <-stop:
			return
		case now := <-tick.C:
			if d := done.Load(); d != last {
				last, since = d, now
			} else if now.Sub(since) > r.timeout {
				stalled.Store(true)
				for _, c := range clients {
					c.nc.Close()
				}
				return
			}
		}
	}
}
