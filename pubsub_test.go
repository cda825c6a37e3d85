// pubsub_test.go tests what the comparison with Redis cannot: the order
// UNSUBSCRIBE without names goes in, a subscriber that leaves or reads
// nothing, many publishers at once, the semicolon protocol on a
// subscribed connection, INFO and CLIENT LIST, and a switch of protocol
// while subscribed.
package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// pushElems splits a raw message or confirmation (an array of bulk strings
// and integers, RESP2 or RESP3) into its elements.
func pushElems(raw string) []string {
	lines := strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n")
	var out []string
	for i := 1; i < len(lines); i++ {
		switch lines[i][0] {
		case '$':
			if lines[i] == "$-1" {
				out = append(out, "(nil)")
				continue
			}
			i++
			out = append(out, lines[i])
		case '_':
			out = append(out, "(nil)")
		default:
			out = append(out, lines[i])
		}
	}
	return out
}

// TestPubsubUnsubscribeAllOrder: UNSUBSCRIBE, PUNSUBSCRIBE and
// SUNSUBSCRIBE without names confirm in the order subscribed (Redis's
// channels come in hash order; its patterns in this one).
func TestPubsubUnsubscribeAllOrder(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	names := []string{"c3", "c1", "c2", "c0"}
	for _, k := range []struct{ sub, unsub string }{
		{"SUBSCRIBE", "UNSUBSCRIBE"}, {"PSUBSCRIBE", "PUNSUBSCRIBE"}, {"SSUBSCRIBE", "SUNSUBSCRIBE"},
	} {
		cl.send(encodeCommand(append([]string{k.sub}, names...)...))
		for range names {
			cl.reply()
		}
		cl.send(encodeCommand(k.unsub))
		for i, n := range names {
			want := fmt.Sprint([]string{strings.ToLower(k.unsub), n, fmt.Sprint(":", len(names)-1-i)})
			if got := fmt.Sprint(pushElems(cl.reply())); got != want {
				t.Errorf("%s reply %d = %s, want %s", k.unsub, i, got, want)
			}
		}
	}
}

// TestPubsubLeaverRemoved: a subscriber whose connection ends is
// forgotten by every channel, pattern and shard channel it listened on.
func TestPubsubLeaverRemoved(t *testing.T) {
	srv := startServer(t)
	sub, pub := dialServer(t, srv), dialServer(t, srv)
	sub.send(encodeCommand("SUBSCRIBE", "c1", "c2"))
	sub.send(encodeCommand("PSUBSCRIBE", "p*"))
	sub.send(encodeCommand("SSUBSCRIBE", "s"))
	for range 4 {
		sub.reply()
	}
	if got := pub.do("PUBLISH", "c1", "x"); got != ":1\r\n" {
		t.Fatalf("PUBLISH to the subscriber = %q", got)
	}
	sub.nc.Close()
	eventually(t, "the subscriber is forgotten", func() bool {
		return pub.do("PUBSUB", "NUMPAT") == ":0\r\n"
	})
	for _, tc := range [][2]string{
		{encodeCommand("PUBSUB", "NUMSUB", "c1", "c2"), "*4\r\n$2\r\nc1\r\n:0\r\n$2\r\nc2\r\n:0\r\n"},
		{encodeCommand("PUBSUB", "SHARDNUMSUB", "s"), "*2\r\n$1\r\ns\r\n:0\r\n"},
		{encodeCommand("PUBLISH", "c1", "x"), ":0\r\n"},
		{encodeCommand("PUBLISH", "pp", "x"), ":0\r\n"},
		{encodeCommand("SPUBLISH", "s", "x"), ":0\r\n"},
		{encodeCommand("PUBSUB", "CHANNELS"), "*0\r\n"},
	} {
		pub.send(tc[0])
		if got := pub.reply(); got != tc[1] {
			t.Errorf("%q = %q, want %q", tc[0], got, tc[1])
		}
	}
	f := infoFields(pub.do("INFO", "stats"))
	if f["pubsub_channels"] != "0" || f["pubsub_patterns"] != "0" || f["pubsubshard_channels"] != "0" {
		t.Errorf("INFO after the subscriber left: %v", f)
	}
}

// TestPubsubSlowSubscriber publishes large messages to a subscriber that
// reads nothing and to one that reads everything, under the default
// client-output-buffer-limit pubsub (32mb 8mb 60): every PUBLISH is
// answered, the slow subscriber is disconnected at the hard limit (and
// logged), and the other receives every message.
func TestPubsubSlowSubscriber(t *testing.T) {
	for _, proto := range []string{"2", "3"} {
		t.Run("resp"+proto, func(t *testing.T) {
			var logs syncBuffer
			srv := startServer(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
			slow, fast, pub := dialServer(t, srv), dialServer(t, srv), dialServer(t, srv)
			for _, cl := range []*tclient{slow, fast} {
				cl.do("HELLO", proto)
				cl.do("SUBSCRIBE", "big")
			}
			got := make(chan int)
			go func() { // the fast subscriber counts messages until "end"
				n := 0
				for {
					raw, err := readReply(fast.rd)
					if err != nil || strings.HasSuffix(raw, "$3\r\nend\r\n") {
						got <- n
						return
					}
					n++
				}
			}()
			msg := strings.Repeat("m", 100<<10)
			const most = 2000 // 200 MB: far past the limit and any socket buffer
			sent, dropped := 0, false
			for sent < most && !dropped {
				r := pub.do("PUBLISH", "big", msg)
				if r != ":2\r\n" && r != ":1\r\n" {
					t.Fatalf("PUBLISH %d = %q", sent, r)
				}
				dropped = r == ":1\r\n"
				sent++
			}
			if !dropped {
				t.Fatalf("%d messages of %d bytes to a subscriber reading nothing, and it is still subscribed", most, len(msg))
			}
			line := limitLine(t, &logs, slow.nc.LocalAddr().String(), "hard")
			t.Logf("slow subscriber disconnected after %d messages: %s", sent, line)
			pub.do("PUBLISH", "big", "end")
			if n := <-got; n != sent {
				t.Errorf("the fast subscriber got %d messages of %d", n, sent)
			}
			if _, err := io.Copy(io.Discard, slow.rd); err != nil && !strings.Contains(err.Error(), "reset") {
				t.Errorf("reading what the slow subscriber was sent: %v, want its end", err)
			}
			eventually(t, "no output queued", func() bool { return srv.outQueued.Load() == 0 })
		})
	}
}

// TestPubsubManyPublishers has 8 clients publish at once to subscribers
// of channels, of a pattern and of both, in RESP2 and RESP3: every
// PUBLISH counts its receivers, every subscriber gets every message, each
// publisher's in the order sent, and the messages one publish sends a
// client arrive together.
func TestPubsubManyPublishers(t *testing.T) {
	srv := startServer(t)
	subs := map[string]*tclient{"chans": dialServer(t, srv), "pattern": dialServer(t, srv), "both": dialServer(t, srv), "resp3": dialServer(t, srv)}
	subs["resp3"].do("HELLO", "3")
	subs["chans"].send(encodeCommand("SUBSCRIBE", "ch.0", "ch.1"))
	subs["chans"].reply()
	subs["chans"].reply()
	subs["pattern"].do("PSUBSCRIBE", "ch.*")
	subs["both"].do("SUBSCRIBE", "ch.0")
	subs["both"].do("PSUBSCRIBE", "ch.*")
	subs["resp3"].do("SUBSCRIBE", "ch.1")
	const publishers, each = 8, 200
	var wg sync.WaitGroup
	errs := make(chan error, publishers)
	for p := range publishers {
		pub := dialServer(t, srv)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range each {
				pub.send(encodeCommand("PUBLISH", fmt.Sprint("ch.", j%2), fmt.Sprint(p, ":", j)))
				if r, err := readReply(pub.rd); err != nil || r != ":4\r\n" {
					errs <- fmt.Errorf("publisher %d message %d: %q %v, want :4", p, j, r, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	want := map[string]int{"chans": publishers * each, "pattern": publishers * each, "both": publishers * each * 3 / 2, "resp3": publishers * each / 2}
	for name, cl := range subs {
		last := map[string]int{} // by kind and publisher: the last message's number
		var follow string        // "both": the payload whose pmessage must come next
		for i := range want[name] {
			raw := cl.reply()
			if (name == "resp3") != strings.HasPrefix(raw, ">") {
				t.Fatalf("%s: message %d %q is not of its protocol", name, i, raw)
			}
			f := pushElems(raw)
			payload := f[len(f)-1]
			if follow != "" && (f[0] != "pmessage" || payload != follow) {
				t.Fatalf("%s: %q follows the message of %q, want its pmessage", name, f, follow)
			}
			follow = ""
			if name == "both" && f[0] == "message" {
				follow = payload
			}
			var p, j int
			fmt.Sscanf(payload, "%d:%d", &p, &j)
			key := fmt.Sprint(f[0], p)
			if prev, ok := last[key]; ok && j <= prev {
				t.Fatalf("%s: publisher %d's message %d after %d", name, p, j, prev)
			}
			last[key] = j
		}
	}
}

// TestPubsubNoMessageAfterUnsubscribe: the confirmation of UNSUBSCRIBE
// comes after every message of the channel, however fast they come.
func TestPubsubNoMessageAfterUnsubscribe(t *testing.T) {
	srv := startServer(t)
	sub, pub := dialServer(t, srv), dialServer(t, srv)
	sub.do("SUBSCRIBE", "c")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20000; i++ { // bounded: the test ends well before
			pub.send(encodeCommand("PUBLISH", "c", "m"))
			if r, err := readReply(pub.rd); err != nil || r == ":0\r\n" {
				return
			}
		}
	}()
	for range 10 {
		if f := pushElems(sub.reply()); f[0] != "message" {
			t.Fatalf("got %q, want a message", f)
		}
	}
	sub.send(encodeCommand("UNSUBSCRIBE", "c"))
	for f := pushElems(sub.reply()); f[0] != "unsubscribe"; f = pushElems(sub.reply()) {
	}
	if got := sub.do("PING"); got != "+PONG\r\n" {
		t.Errorf("after the unsubscribe confirmation: %q, want +PONG", got)
	}
	<-done
}

// TestPubsubTextRequests: a semicolon request on a subscribed RESP2
// connection is refused, saying why, and the connection goes on; under
// RESP3 it runs.
func TestPubsubTextRequests(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	cl.do("SUBSCRIBE", "c")
	if got := cl.text("PUT;k;1;INT"); !strings.HasPrefix(got, "False;ERROR: this connection is subscribed") {
		t.Errorf("PUT while subscribed = %q", got)
	}
	if got := cl.do("PING"); got != "*2\r\n$4\r\npong\r\n$0\r\n\r\n" {
		t.Errorf("PING after = %q", got)
	}
	cl.do("UNSUBSCRIBE")
	if got := cl.text("PUT;k;1;INT"); got != "True;Key [k] set to [1]" {
		t.Errorf("PUT after UNSUBSCRIBE = %q", got)
	}
	cl.do("HELLO", "3")
	cl.do("SUBSCRIBE", "c")
	if got := cl.text("GET;k"); got != "True;1" {
		t.Errorf("GET subscribed in RESP3 = %q", got)
	}
}

// TestPubsubIntrospection checks INFO's pub/sub counts and CLIENT LIST's
// flags and subscription counts.
func TestPubsubIntrospection(t *testing.T) {
	srv := startServer(t)
	sub, other, cl := dialServer(t, srv), dialServer(t, srv), dialServer(t, srv)
	sub.send(encodeCommand("SUBSCRIBE", "a", "b"))
	sub.send(encodeCommand("PSUBSCRIBE", "p*"))
	sub.send(encodeCommand("SSUBSCRIBE", "s1", "s2", "s3"))
	for range 6 {
		sub.reply()
	}
	other.send(encodeCommand("SUBSCRIBE", "a", "c"))
	other.reply()
	other.reply()
	f := infoFields(cl.do("INFO", "stats"))
	if f["pubsub_channels"] != "3" || f["pubsub_patterns"] != "1" || f["pubsubshard_channels"] != "3" {
		t.Errorf("INFO stats: channels %s patterns %s shard %s, want 3 1 3", f["pubsub_channels"], f["pubsub_patterns"], f["pubsubshard_channels"])
	}
	list := cl.do("CLIENT", "LIST")
	for _, want := range []string{" flags=P db=0 sub=2 psub=1 ssub=3 ", " flags=P db=0 sub=2 psub=0 ssub=0 ", " flags=N db=0 sub=0 psub=0 ssub=0 "} {
		if !strings.Contains(list, want) {
			t.Errorf("CLIENT LIST has no %q:\n%s", want, list)
		}
	}
	sub.do("RESET")
	if info := sub.do("CLIENT", "INFO"); !strings.Contains(info, " flags=N db=0 sub=0 psub=0 ssub=0 ") {
		t.Errorf("CLIENT INFO after RESET: %q", info)
	}
}

// TestPubsubProtocolSwitch: a RESP3 subscriber that says HELLO 2 gets its
// messages as RESP2 arrays and is held to the pubsub context.
func TestPubsubProtocolSwitch(t *testing.T) {
	srv := startServer(t)
	sub, pub := dialServer(t, srv), dialServer(t, srv)
	sub.do("HELLO", "3")
	sub.do("SUBSCRIBE", "c")
	pub.do("PUBLISH", "c", "one")
	if got := sub.reply(); got != ">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$3\r\none\r\n" {
		t.Errorf("RESP3 message = %q", got)
	}
	sub.do("HELLO", "2")
	pub.do("PUBLISH", "c", "two")
	if got := sub.reply(); got != "*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$3\r\ntwo\r\n" {
		t.Errorf("RESP2 message = %q", got)
	}
	if got := sub.do("GET", "k"); !strings.HasPrefix(got, "-ERR Can't execute 'get'") {
		t.Errorf("GET after HELLO 2 = %q", got)
	}
}
