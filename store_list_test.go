// store_list_test.go tests the Store's list operations: results, the
// effects they log, replaying that log (also after concurrent writers)
// into an identical store, empty lists made by the text protocol, and the
// allocation budget of the hot commands.
package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// bs turns strings into the [][]byte the store takes.
func bs(ss ...string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// journalLines decodes everything logged so far, one command per string
// with its arguments joined by spaces.
func journalLines(t *testing.T, j *Journal) []string {
	t.Helper()
	var out []string
	for _, cmd := range journalCommands(t, j) {
		out = append(out, strings.Join(cmd, " "))
	}
	return out
}

// journalCommands decodes the journal's RESP arrays.
func journalCommands(t *testing.T, j *Journal) [][]string {
	t.Helper()
	j.mu.Lock()
	raw := string(j.buf)
	j.mu.Unlock()
	rd := bufio.NewReader(strings.NewReader(raw))
	var cmds [][]string
	for {
		reply, err := readReply(rd)
		if reply == "" && err != nil {
			return cmds
		}
		if err != nil {
			t.Fatalf("bad journal entry %q: %v", reply, err)
		}
		cmds = append(cmds, decodeArray(t, reply))
	}
}

// decodeArray splits a raw RESP array of bulk strings into its strings.
func decodeArray(t *testing.T, raw string) []string {
	t.Helper()
	rd := bufio.NewReader(strings.NewReader(raw))
	head, _ := rd.ReadString('\n')
	n, err := strconv.Atoi(strings.TrimSpace(head[1:]))
	if err != nil {
		t.Fatalf("bad array %q", raw)
	}
	out := make([]string, n)
	for i := range out {
		line, _ := rd.ReadString('\n')
		size, _ := strconv.Atoi(strings.TrimSpace(line[1:]))
		buf := make([]byte, size+2)
		io.ReadFull(rd, buf)
		out[i] = string(buf[:size])
	}
	return out
}

// listContents returns key's list, or nil and false.
func listContents(s *tstore, key string) ([]string, bool) {
	var out []string
	found, _ := s.ReadList([]byte(key), func(l *List) { out = l.AppendTo([]string{}) })
	return out, found
}

// wantList fails unless key holds exactly want (nil: key missing).
func wantList(t *testing.T, s *tstore, key string, want []string) {
	t.Helper()
	got, found := listContents(s, key)
	if want == nil && found {
		t.Fatalf("%s = %q, want no key", key, got)
	}
	if want != nil && (!found || !slices.Equal(got, want)) {
		t.Fatalf("%s = %q (found %v), want %q", key, got, found, want)
	}
}

func TestStoreListOps(t *testing.T) {
	type step func(t *testing.T, s *tstore)
	push := func(key string, left, create bool, want int, wantErr error, elems ...string) step {
		return func(t *testing.T, s *tstore) {
			t.Helper()
			if n, err := s.Push([]byte(key), bs(elems...), left, create); n != want || err != wantErr {
				t.Fatalf("Push(%s, %q) = %d, %v; want %d, %v", key, elems, n, err, want, wantErr)
			}
		}
	}
	pop := func(key string, left bool, count int64, want ...string) step {
		return func(t *testing.T, s *tstore) {
			t.Helper()
			if got, _, err := s.Pop([]byte(key), left, count, nil); err != nil || !slices.Equal(got, want) {
				t.Fatalf("Pop(%s, %v, %d) = %q, %v; want %q", key, left, count, got, err, want)
			}
		}
	}
	lset := func(key, idx, val string, wantErr error) step {
		return func(t *testing.T, s *tstore) {
			t.Helper()
			if err := s.ListSet([]byte(key), []byte(idx), []byte(val)); err != wantErr {
				t.Fatalf("ListSet(%s, %s) = %v, want %v", key, idx, err, wantErr)
			}
		}
	}
	lrem := func(key string, count int64, val string, want int) step {
		return func(t *testing.T, s *tstore) {
			t.Helper()
			if n, err := s.ListRem([]byte(key), count, []byte(val)); n != want || err != nil {
				t.Fatalf("ListRem(%s, %d, %s) = %d, %v; want %d", key, count, val, n, err, want)
			}
		}
	}
	ltrim := func(key string, start, stop int64) step {
		return func(t *testing.T, s *tstore) {
			t.Helper()
			if err := s.ListTrim([]byte(key), start, stop); err != nil {
				t.Fatalf("ListTrim: %v", err)
			}
		}
	}
	linsert := func(key string, after bool, pivot, val string, want int) step {
		return func(t *testing.T, s *tstore) {
			t.Helper()
			if n, err := s.ListInsert([]byte(key), after, []byte(pivot), []byte(val)); n != want || err != nil {
				t.Fatalf("ListInsert(%s, %s) = %d, %v; want %d", key, pivot, n, err, want)
			}
		}
	}
	check := func(key string, want ...string) step {
		return func(t *testing.T, s *tstore) {
			t.Helper()
			if want == nil {
				want = []string{}
			}
			wantList(t, s, key, want)
		}
	}
	gone := func(key string) step {
		return func(t *testing.T, s *tstore) { t.Helper(); wantList(t, s, key, nil) }
	}
	cases := []struct {
		name    string
		steps   []step
		journal []string
	}{
		{"rpush", []step{push("k", false, true, 3, nil, "a", "b", "c"), check("k", "a", "b", "c")},
			[]string{"RPUSH k a b c"}},
		{"lpush keeps argument order in the log", []step{push("k", true, true, 3, nil, "a", "b", "c"), check("k", "c", "b", "a")},
			[]string{"LPUSH k a b c"}},
		{"single pushes", []step{push("k", true, true, 1, nil, "a"), push("k", false, true, 2, nil, "b"), check("k", "a", "b")},
			[]string{"LPUSH k a", "RPUSH k b"}},
		{"many pushes", []step{push("k", false, true, 20, nil, strings.Split("abcdefghijklmnopqrst", "")...)},
			[]string{"RPUSH k a b c d e f g h i j k l m n o p q r s t"}},
		{"pushx missing", []step{push("k", false, false, 0, ErrNoKey, "a"), gone("k")}, nil},
		{"pop some", []step{push("k", false, true, 3, nil, "a", "b", "c"), pop("k", true, 1, "a"), pop("k", false, 1, "c"), check("k", "b")},
			[]string{"RPUSH k a b c", "LPOP k 1", "RPOP k 1"}},
		{"pop count past the end deletes", []step{push("k", false, true, 2, nil, "a", "b"), pop("k", false, 10, "b", "a"), gone("k")},
			[]string{"RPUSH k a b", "DEL k"}},
		{"pop missing", []step{pop("k", true, 3), gone("k")}, nil},
		{"pop zero logs nothing", []step{push("k", false, true, 1, nil, "a"), pop("k", true, 0), check("k", "a")},
			[]string{"RPUSH k a"}},
		{"lset", []step{push("k", false, true, 2, nil, "a", "b"), lset("k", "-1", "z", nil), lset("k", "2", "z", ErrIndexRange),
			lset("k", "x", "z", ErrNotInteger), lset("nokey", "x", "z", ErrNoKey), check("k", "a", "z")},
			[]string{"RPUSH k a b", "LSET k 1 z"}},
		{"lrem", []step{push("k", false, true, 5, nil, "a", "b", "a", "c", "a"), lrem("k", -2, "a", 2), lrem("k", 0, "z", 0), check("k", "a", "b", "c")},
			[]string{"RPUSH k a b a c a", "LREM k -2 a"}},
		{"lrem empties", []step{push("k", false, true, 2, nil, "a", "a"), lrem("k", 0, "a", 2), gone("k")},
			[]string{"RPUSH k a a", "DEL k"}},
		{"ltrim", []step{push("k", false, true, 5, nil, "a", "b", "c", "d", "e"), ltrim("k", -4, -2), ltrim("k", 0, -1), check("k", "b", "c", "d")},
			[]string{"RPUSH k a b c d e", "LTRIM k 1 3"}},
		{"ltrim empties", []step{push("k", false, true, 1, nil, "a"), ltrim("k", 5, 2), gone("k"), ltrim("k", 0, 1)},
			[]string{"RPUSH k a", "DEL k"}},
		{"linsert", []step{push("k", false, true, 2, nil, "a", "b"), linsert("k", false, "b", "x", 3), linsert("k", true, "b", "y", 4),
			linsert("k", true, "zz", "y", -1), linsert("nokey", true, "a", "y", 0), check("k", "a", "x", "b", "y")},
			[]string{"RPUSH k a b", "LINSERT k BEFORE b x", "LINSERT k AFTER b y"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			j := &Journal{}
			s := newTestStore(j)
			for _, st := range tc.steps {
				st(t, s)
			}
			if got := journalLines(t, j); !slices.Equal(got, tc.journal) {
				t.Fatalf("journal:\n got %q\nwant %q", got, tc.journal)
			}
		})
	}
}

func TestStoreListWrongType(t *testing.T) {
	s := newTestStore(nil)
	s.Set([]byte("s"), []byte("v"))
	k := []byte("s")
	errs := map[string]error{}
	_, errs["push"] = s.Push(k, bs("a"), true, true)
	_, errs["pushx"] = s.Push(k, bs("a"), true, false)
	_, _, errs["pop"] = s.Pop(k, true, 1, nil)
	_, errs["read"] = s.ReadList(k, func(*List) { t.Error("ReadList called fn on a string") })
	errs["set"] = s.ListSet(k, []byte("0"), []byte("x"))
	_, errs["rem"] = s.ListRem(k, 0, []byte("v"))
	errs["trim"] = s.ListTrim(k, 0, 1)
	_, errs["insert"] = s.ListInsert(k, true, []byte("v"), []byte("x"))
	for op, err := range errs {
		if err != ErrWrongType {
			t.Errorf("%s on a string: %v, want ErrWrongType", op, err)
		}
	}
	if v, _, _ := s.GetString(k); v != "v" {
		t.Errorf("string changed to %q", v)
	}
}

// TestStoreEmptyList checks an empty list stored on purpose (PUTLIST;k;;):
// it exists, reads as empty, takes pushes, and survives operations that
// remove nothing.
func TestStoreEmptyList(t *testing.T) {
	s := newTestStore(nil)
	k := []byte("e")
	s.SetList(k, nil)
	wantList(t, s, "e", []string{})
	if got, found, err := s.Pop(k, true, 5, nil); len(got) != 0 || !found || err != nil {
		t.Fatalf("Pop = %q, %v, %v; want nothing from an existing key", got, found, err)
	}
	if err := s.ListTrim(k, 0, -1); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.ListRem(k, 0, []byte("a")); n != 0 {
		t.Fatalf("ListRem = %d", n)
	}
	if n, _ := s.ListInsert(k, true, []byte("a"), []byte("b")); n != -1 {
		t.Fatalf("ListInsert = %d, want -1", n)
	}
	if err := s.ListSet(k, []byte("0"), []byte("a")); err != ErrIndexRange {
		t.Fatalf("ListSet = %v, want ErrIndexRange", err)
	}
	wantList(t, s, "e", []string{})
	if n, err := s.Push(k, bs("a"), false, false); n != 1 || err != nil {
		t.Fatalf("RPUSHX onto the empty list = %d, %v", n, err)
	}
	s.Pop(k, true, 1, nil)
	wantList(t, s, "e", nil) // emptied by a pop: gone, as in Redis
}

// replayJournal applies logged commands to a fresh server's store through
// the RESP command table, as loading the append-only file does.
func replayJournal(t *testing.T, cmds [][]string) *Store {
	t.Helper()
	cfg := DefaultConfig()
	cfg.AppendOnly, cfg.Dir = false, t.TempDir() // never the repository's data/
	srv, err := NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := &conn{client: newClient(srv, nil, nil)}
	for _, cmd := range cmds {
		c.out = c.out[:0]
		if cmd[0] == "PUTLIST" {
			sdb(srv).SetList([]byte(cmd[1]), nil)
			continue
		}
		c.dispatch(bs(cmd...))
		if c.failed {
			t.Fatalf("replaying %q: %s", cmd, c.out)
		}
	}
	return srv.store
}

// sameLists fails unless a and b hold the same list keys and contents.
func sameLists(t *testing.T, a, b *Store, keys []string) {
	t.Helper()
	for _, k := range keys {
		want, wantFound := listContents(tdb(a), k)
		got, gotFound := listContents(tdb(b), k)
		if wantFound != gotFound || !slices.Equal(want, got) {
			t.Fatalf("after replay %s = %q (%v), want %q (%v)", k, got, gotFound, want, wantFound)
		}
	}
	if tdb(a).Len() != tdb(b).Len() {
		t.Fatalf("after replay %d keys, want %d", tdb(b).Len(), tdb(a).Len())
	}
}

// randomListOp applies one random list operation to s.
func randomListOp(s *tstore, rng *rand.Rand, key []byte, dst []string) []string {
	v := []byte{byte('a' + rng.IntN(3))}
	switch rng.IntN(8) {
	case 0, 1:
		s.Push(key, [][]byte{v, v}, rng.IntN(2) == 0, true)
	case 2:
		s.Push(key, [][]byte{v}, rng.IntN(2) == 0, rng.IntN(2) == 0)
	case 3:
		dst, _, _ = s.Pop(key, rng.IntN(2) == 0, int64(rng.IntN(3)), dst[:0])
	case 4:
		s.ListSet(key, []byte(strconv.Itoa(rng.IntN(6)-3)), v)
	case 5:
		s.ListRem(key, int64(rng.IntN(5)-2), v)
	case 6:
		s.ListTrim(key, int64(rng.IntN(8)-4), int64(rng.IntN(12)-4))
	case 7:
		s.ListInsert(key, rng.IntN(2) == 0, []byte{byte('a' + rng.IntN(4))}, v)
	}
	return dst
}

// TestStoreListReplay checks that the log is a faithful record: replaying
// it gives the same lists, for one writer and for concurrent writers.
func TestStoreListReplay(t *testing.T) {
	keys := []string{"k0", "k1", "k2", "k3"}
	for _, writers := range []int{1, 8} {
		t.Run(fmt.Sprintf("writers=%d", writers), func(t *testing.T) {
			j := &Journal{}
			s := newTestStore(j)
			s.SetList([]byte("k3"), nil)
			var wg sync.WaitGroup
			for w := 0; w < writers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					rng := rand.New(rand.NewPCG(uint64(w), 3))
					var dst []string
					for i := 0; i < 3000/writers; i++ {
						dst = randomListOp(s, rng, []byte(keys[rng.IntN(len(keys))]), dst)
					}
				}(w)
			}
			wg.Wait()
			sameLists(t, s.Store, replayJournal(t, journalCommands(t, j)), keys)
		})
	}
}

// TestStoreListConcurrent runs pushers, poppers and readers on shared
// keys (meant for -race) and checks that no element is lost or doubled.
func TestStoreListConcurrent(t *testing.T) {
	s := newTestStore(nil)
	const workers, per = 6, 500
	keys := [][]byte{[]byte("q0"), []byte("q1")}
	var mu sync.Mutex
	popped := map[string]int{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(3)
		go func(w int) { // pusher
			defer wg.Done()
			for i := 0; i < per; i++ {
				e := []byte(fmt.Sprintf("%d-%d", w, i))
				s.Push(keys[i%2], [][]byte{e}, i%3 == 0, true)
			}
		}(w)
		go func() { // popper
			defer wg.Done()
			var dst []string
			for i := 0; i < per; i++ {
				dst, _, _ = s.Pop(keys[i%2], i%2 == 0, 2, dst[:0])
				mu.Lock()
				for _, e := range dst {
					popped[e]++
				}
				mu.Unlock()
			}
		}()
		go func() { // reader
			defer wg.Done()
			for i := 0; i < per; i++ {
				s.ReadList(keys[i%2], func(l *List) {
					a, b := l.Segments(ListRange(0, -1, l.Len()))
					if len(a)+len(b) != l.Len() {
						t.Errorf("segments hold %d of %d", len(a)+len(b), l.Len())
					}
				})
			}
		}()
	}
	wg.Wait()
	for _, k := range keys {
		rest, _ := listContents(s, string(k))
		for _, e := range rest {
			popped[e]++
		}
	}
	if len(popped) != workers*per {
		t.Fatalf("%d distinct elements, want %d", len(popped), workers*per)
	}
	for e, n := range popped {
		if n != 1 {
			t.Fatalf("element %s seen %d times", e, n)
		}
	}
}

// TestListEmptyFromTextProtocol checks that an empty list stored with
// PUTLIST;k;; reads as an empty list over RESP and takes pushes.
func TestListEmptyFromTextProtocol(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	if got := cl.text("PUTLIST;e;;"); !strings.HasPrefix(got, "True;") {
		t.Fatalf("PUTLIST: %q", got)
	}
	steps := []struct{ cmd, want string }{
		{"LLEN e", ":0\r\n"},
		{"LRANGE e 0 -1", "*0\r\n"},
		{"LPOP e", "$-1\r\n"},
		{"LPOP e 2", "*-1\r\n"},
		{"LPOP e 0", "*0\r\n"},
		{"LINDEX e 0", "$-1\r\n"},
		{"LTRIM e 0 -1", "+OK\r\n"},
		{"LLEN e", ":0\r\n"},
		{"RPUSHX e a", ":1\r\n"},
		{"LPUSH e b", ":2\r\n"},
		{"LRANGE e 0 -1", "*2\r\n$1\r\nb\r\n$1\r\na\r\n"},
	}
	for _, st := range steps {
		if got := cl.do(strings.Fields(st.cmd)...); got != st.want {
			t.Fatalf("%s = %q, want %q", st.cmd, got, st.want)
		}
	}
	if got := cl.text("GETLIST;e"); got != "True;['b', 'a']" {
		t.Fatalf("GETLIST after pushes: %q", got)
	}
}

// TestListAllocs checks the allocation budget of the hot paths: a push
// allocates only the stored string, a pop and LRANGE nothing at all.
func TestListAllocs(t *testing.T) {
	for _, journal := range []bool{false, true} {
		t.Run(fmt.Sprintf("journal=%v", journal), func(t *testing.T) {
			var j *Journal
			if journal {
				j = &Journal{buf: make([]byte, 0, 1<<20)}
			}
			srv := &Server{store: NewStore(DefaultDatabases), stats: newStats(0)}
			if j != nil {
				srv.aofp.Store(&aof{journal: j})
			}
			c := newClient(srv, nil, nil)
			c.out = make([]byte, 0, 1<<16)
			key, elem := bs("mylist"), bs("element-value")
			for i := 0; i < 200; i++ {
				sdb(srv).Push(key[0], elem, false, true)
			}
			pushPop := testing.AllocsPerRun(200, func() {
				c.out = c.out[:0]
				cmdLPush(c, [][]byte{[]byte("lpush"), key[0], elem[0]})
				cmdRPop(c, [][]byte{[]byte("rpop"), key[0]})
				resetJournal(j)
			})
			if pushPop > 1 {
				t.Errorf("LPUSH+RPOP: %v allocations, want 1 (the stored string)", pushPop)
			}
			popCount := testing.AllocsPerRun(100, func() {
				c.out = c.out[:0]
				cmdRPush(c, [][]byte{[]byte("rpush"), key[0], elem[0], elem[0]})
				cmdLPop(c, [][]byte{[]byte("lpop"), key[0], []byte("2")})
				resetJournal(j)
			})
			if popCount > 2 {
				t.Errorf("RPUSH of 2 + LPOP 2: %v allocations, want 2", popCount)
			}
			lrange := testing.AllocsPerRun(100, func() {
				c.out = c.out[:0]
				cmdLRange(c, [][]byte{[]byte("lrange"), key[0], []byte("0"), []byte("99")})
			})
			if lrange != 0 {
				t.Errorf("LRANGE 0 99: %v allocations, want 0", lrange)
			}
		})
	}
}

// resetJournal empties a test journal (nil-safe) so it does not grow.
func resetJournal(j *Journal) {
	if j != nil {
		j.buf = j.buf[:0]
	}
}

// TestListIndexAndRange checks the mapping of Redis list indexes and
// ranges (negative from the tail) onto positions.
func TestListIndexAndRange(t *testing.T) {
	idx := []struct {
		i       int64
		n, want int
		in      bool
	}{
		{0, 3, 0, true}, {2, 3, 2, true}, {3, 3, 0, false}, {-1, 3, 2, true},
		{-3, 3, 0, true}, {-4, 3, 0, false}, {0, 0, 0, false},
		{minInt64, 3, 0, false}, {maxInt64, 3, 0, false},
	}
	for _, tc := range idx {
		if got, in := ListIndex(tc.i, tc.n); got != tc.want || in != tc.in {
			t.Errorf("ListIndex(%d, %d) = %d, %v; want %d, %v", tc.i, tc.n, got, in, tc.want, tc.in)
		}
	}
	rng := []struct {
		start, stop int64
		n, from, to int
	}{
		{0, -1, 5, 0, 5}, {1, 3, 5, 1, 4}, {-100, 100, 5, 0, 5}, {5, 2, 5, 0, 0},
		{-2, -1, 5, 3, 5}, {5, 10, 5, 0, 0}, {-100, -50, 5, 0, 0}, {0, 0, 0, 0, 0},
		{minInt64, maxInt64, 5, 0, 5}, {maxInt64, minInt64, 5, 0, 0}, {3, 3, 5, 3, 4},
	}
	for _, tc := range rng {
		if from, to := ListRange(tc.start, tc.stop, tc.n); from != tc.from || to != tc.to {
			t.Errorf("ListRange(%d, %d, %d) = [%d, %d), want [%d, %d)", tc.start, tc.stop, tc.n, from, to, tc.from, tc.to)
		}
	}
}
