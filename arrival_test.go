package main

import (
	"net"
	"testing"
)

// TestBlockedArrivalOrder checks that clients blocked on a key are served
// in the order their requests arrived, even when two arrive microseconds
// apart on two connections (their goroutines may run them in either order).
func TestBlockedArrivalOrder(t *testing.T) {
	srv := startServer(t)
	r := dialServer(t, srv)
	if probe, err := net.Dial("tcp", srv.Addr().String()); err == nil {
		stamped := kernelStamped(probe) != nil
		probe.Close()
		if !stamped {
			t.Skip("no kernel receive timestamps here: arrival order is the read's")
		}
	}
	for i := range 100 {
		a, b := dialServer(t, srv), dialServer(t, srv)
		r.do("DEL", "bl")
		a.send(encodeCommand("BRPOPLPUSH", "bl", "ta", "0"))
		b.send(encodeCommand("BRPOPLPUSH", "bl", "tb", "0"))
		eventually(t, "two clients blocked", func() bool { return srv.blockedClients.Load() == 2 })
		r.do("LPUSH", "bl", "first")
		r.do("LPUSH", "bl", "second")
		if got, other := a.reply(), b.reply(); got != "$5\r\nfirst\r\n" {
			t.Fatalf("round %d: the first blocked client got %q, the second %q", i, got, other)
		}
		a.nc.Close()
		b.nc.Close()
	}
}

// TestStampedReaderEOF checks the timestamped reader's end of input and
// that it stamps reads.
func TestStampedReaderEOF(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err == nil {
			c.Write([]byte("hello"))
			c.Close()
		}
	}()
	nc, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	sr := newStampedReader(nc)
	buf := make([]byte, 16)
	got := ""
	for {
		n, err := sr.Read(buf)
		got += string(buf[:n])
		if err != nil {
			break
		}
	}
	if got != "hello" || sr.arrived() == 0 {
		t.Fatalf("read %q, arrived %d", got, sr.arrived())
	}
}
