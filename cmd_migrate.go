// cmd_migrate.go holds MIGRATE, which moves keys to another server (Redis
// or nosql): it sends each key's DUMP payload as a RESTORE (after AUTH and
// SELECT when needed) over a connection it keeps for the next MIGRATE to
// the same target, and deletes the keys the target acknowledged unless
// COPY. Like Redis, which blocks the whole server while it migrates, it
// runs under its keys' locks; every connect, write and read waits at most
// the command's timeout.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"math"
	"net"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Redis's limits on MIGRATE's cached connections.
const (
	migrateCacheMax  = 64               // connections kept
	migrateCacheIdle = 10 * time.Second // a connection unused this long is closed
	migrateChunk     = 64 << 10         // bytes written at a time, each within the timeout
	migrateLineMax   = 1024             // bytes of a target's reply line kept
)

// migrateConns caches MIGRATE's connections by target address, as
// Redis's migrate_cached_sockets. A MIGRATE takes its connection out of the
// cache while it uses it, so two never share one.
type migrateConns struct {
	mu    sync.Mutex
	conns map[string]*migrateConn
}

// migrateConn is a connection to a MIGRATE target.
type migrateConn struct {
	nc   net.Conn
	rd   *bufio.Reader
	db   int64 // the database selected on it; -1: unknown
	used time.Time
}

// take returns the cached connection to addr, or nil, and closes the
// connections unused for migrateCacheIdle.
func (m *migrateConns) take(addr string, now time.Time) *migrateConn {
	m.mu.Lock()
	defer m.mu.Unlock()
	for a, mc := range m.conns {
		if now.Sub(mc.used) > migrateCacheIdle {
			mc.nc.Close()
			delete(m.conns, a)
		}
	}
	mc := m.conns[addr]
	delete(m.conns, addr)
	return mc
}

// give puts mc back in the cache as addr's connection, dropping another
// one when the cache is full.
func (m *migrateConns) give(addr string, mc *migrateConn) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.conns == nil {
		m.conns = make(map[string]*migrateConn)
	}
	if old := m.conns[addr]; old != nil {
		old.nc.Close()
	} else if len(m.conns) >= migrateCacheMax {
		for a, other := range m.conns { // any one, as Redis drops a random one
			other.nc.Close()
			delete(m.conns, a)
			break
		}
	}
	m.conns[addr] = mc
}

// len returns the number of cached connections (INFO's
// migrate_cached_sockets).
func (m *migrateConns) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.conns)
}

// closeAll closes every cached connection (at shutdown).
func (m *migrateConns) closeAll() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for a, mc := range m.conns {
		mc.nc.Close()
		delete(m.conns, a)
	}
}

// migrateOpts are MIGRATE's arguments after the command name.
type migrateOpts struct {
	addr          string // host:port as given: the connection cache's key
	dial          string // the address connected to (migrateDialAddr)
	db, timeout   int64  // timeout in milliseconds
	copy, replace bool
	user, pass    []byte // AUTH (pass only) or AUTH2; nil pass: none
	keys          [][]byte
}

// parseMigrate reads MIGRATE's arguments as Redis does, or returns the
// error reply.
func parseMigrate(args [][]byte) (migrateOpts, string) {
	o := migrateOpts{addr: net.JoinHostPort(string(args[1]), string(args[2])), keys: args[3:4]}
	o.dial = migrateDialAddr(string(args[1]), string(args[2]))
	for j := 6; j < len(args); j++ {
		more := len(args) - 1 - j
		switch a := args[j]; {
		case bytes.EqualFold(a, []byte("copy")):
			o.copy = true
		case bytes.EqualFold(a, []byte("replace")):
			o.replace = true
		case bytes.EqualFold(a, []byte("auth")) && more >= 1:
			o.user, o.pass = nil, args[j+1]
			j++
		case bytes.EqualFold(a, []byte("auth2")) && more >= 2:
			o.user, o.pass = args[j+1], args[j+2]
			j += 2
		case bytes.EqualFold(a, []byte("keys")):
			if len(args[3]) != 0 {
				return o, "ERR When using MIGRATE KEYS option, the key argument must be set to the empty string"
			}
			o.keys = args[j+1:]
			j = len(args)
		default:
			return o, errSyntax
		}
	}
	var ok1, ok2 bool
	o.timeout, ok1 = parseCanonicalInt(args[5])
	o.db, ok2 = parseCanonicalInt(args[4])
	if !ok1 || !ok2 {
		return o, errNotInteger
	}
	if o.timeout <= 0 {
		o.timeout = 1000
	}
	return o, ""
}

// migrateDialAddr returns the address MIGRATE connects to for host and
// port as Redis reaches it: the port read as C's atoi reads it and given
// to getaddrinfo, which keeps its low 16 bits ("abc" is port 0, refused;
// 99999 is 34463). A negative port is left as is, for the dial to refuse.
func migrateDialAddr(host, port string) string {
	n, _ := strtoll(port)
	if p := int32(n); p >= 0 {
		port = strconv.Itoa(int(uint16(p)))
	}
	return net.JoinHostPort(host, port)
}

// migrateTimeout returns MIGRATE's timeout of ms milliseconds (at least
// 1) as a duration, the longest one past what a duration can hold.
func migrateTimeout(ms int64) time.Duration {
	if ms > math.MaxInt64/int64(time.Millisecond) {
		return math.MaxInt64
	}
	return time.Duration(ms) * time.Millisecond
}

// migrateKeys names MIGRATE's keys as Redis's migrateGetKeys does: the key
// argument, or those after KEYS (none when the key argument is not empty
// then, which MIGRATE refuses).
func migrateKeys(args [][]byte) [][]byte {
	for i := 6; i < len(args); i++ {
		switch a := args[i]; {
		case bytes.EqualFold(a, []byte("keys")):
			if len(args[3]) > 0 {
				return nil
			}
			return args[i+1:]
		case bytes.EqualFold(a, []byte("auth")):
			i++
		case bytes.EqualFold(a, []byte("auth2")):
			i += 2
		}
	}
	return args[3:4]
}

func cmdMigrate(c *client, args [][]byte) {
	o, errMsg := parseMigrate(args)
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	var keys [][]byte
	var vals []Value
	for _, k := range o.keys {
		if v, ok := c.db.Lookup(k); ok {
			keys, vals = append(keys, k), append(vals, v)
		}
	}
	if len(keys) == 0 {
		c.writeSimple("NOKEY")
		return
	}
	acked, errMsg := c.srv.migrate(&c.db, &o, keys, vals)
	if !o.copy {
		c.db.Del(acked...)
	}
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	c.writeOK()
}

// migrate sends keys, holding vals, to the target of o, on a cached
// connection or a new one, and returns the keys the target restored and
// the error reply (Redis's wording). As Redis, it tries a second
// connection when the first failed before the target answered anything
// and not by a timeout (a cached connection the target closed).
func (s *Server) migrate(d *DB, o *migrateOpts, keys [][]byte, vals []Value) ([][]byte, string) {
	timeout := migrateTimeout(o.timeout)
	for try := 0; ; try++ {
		mc := s.migration.take(o.addr, time.Now())
		if mc == nil {
			nc, err := net.DialTimeout("tcp", o.dial, timeout)
			if err != nil {
				if errors.Is(err, syscall.ECONNREFUSED) { // Redis learns of it writing
					return nil, "IOERR error or timeout writing to target instance"
				}
				return nil, "IOERR error or timeout connecting to the client"
			}
			mc = &migrateConn{nc: nc, rd: bufio.NewReaderSize(nc, migrateLineMax), db: -1}
		}
		acked, errMsg, ioErr, answered := mc.send(d, o, keys, vals, timeout)
		if ioErr == nil {
			mc.used = time.Now()
			s.migration.give(o.addr, mc)
			return acked, errMsg
		}
		mc.nc.Close()
		var ne net.Error
		if try == 0 && !answered && !(errors.As(ioErr, &ne) && ne.Timeout()) {
			continue
		}
		return acked, errMsg
	}
}

// send writes the AUTH, SELECT and RESTORE commands of one MIGRATE and
// reads their replies. It returns the keys the target restored (as
// Redis, every one whose RESTORE succeeded, even after another failed),
// the error reply, the I/O error that broke the connection (nil: it can be
// kept), and whether any RESTORE was answered.
func (mc *migrateConn) send(d *DB, o *migrateOpts, keys [][]byte, vals []Value, timeout time.Duration) (acked [][]byte, errMsg string, ioErr error, answered bool) {
	if err := mc.writeCommands(d, o, keys, vals, timeout); err != nil {
		return nil, "IOERR error or timeout writing to target instance", err, false
	}
	var authErr, selectErr string
	if o.pass != nil {
		line, err := mc.readLine(timeout)
		if err != nil {
			return nil, "IOERR error or timeout reading to target instance", err, false
		}
		authErr = errorLine(line)
	}
	selected := mc.db != o.db
	if selected {
		line, err := mc.readLine(timeout)
		if err != nil {
			return nil, "IOERR error or timeout reading to target instance", err, false
		}
		selectErr = errorLine(line)
	}
	for _, k := range keys {
		line, err := mc.readLine(timeout)
		if err != nil {
			if errMsg == "" {
				errMsg = "IOERR error or timeout reading to target instance"
			}
			return acked, errMsg, err, answered
		}
		answered = true
		switch target := cmp.Or(authErr, selectErr, errorLine(line)); {
		case target != "":
			if errMsg == "" {
				mc.db = -1
				errMsg = "ERR Target instance replied with error: " + target
			}
		default:
			acked = append(acked, k)
		}
	}
	if errMsg == "" {
		mc.db = o.db
	}
	return acked, errMsg, nil, answered
}

// writeCommands writes the RESP commands of one MIGRATE: AUTH when a
// password is given, SELECT when the connection is on another database,
// and a RESTORE of each key with its remaining time to live. Commands are
// written as they are made, so that memory holds one key's payload at a
// time; a key named more than once is dumped once.
func (mc *migrateConn) writeCommands(d *DB, o *migrateOpts, keys [][]byte, vals []Value, timeout time.Duration) error {
	var buf []byte
	d.time() // read once, before peek copies the view
	switch {
	case o.pass != nil && o.user != nil:
		buf = appendCommand(buf, []byte("AUTH"), o.user, o.pass)
	case o.pass != nil:
		buf = appendCommand(buf, []byte("AUTH"), o.pass)
	}
	if mc.db != o.db {
		buf = appendCommand(buf, "SELECT", strconv.FormatInt(o.db, 10))
	}
	repeated := repeatedKeys(keys)
	payloads := make(map[string][]byte, len(repeated))
	for i, k := range keys {
		ttl := int64(0)
		if when := d.peek().TTL(k); when >= 0 {
			ttl = max(when-d.time(), 1)
		}
		payload, kept := payloads[string(k)]
		if !kept {
			payload, _ = dumpPayload(vals[i])
			if repeated[string(k)] {
				payloads[string(k)] = payload
			}
		}
		cmd := [][]byte{[]byte("RESTORE"), k, strconv.AppendInt(nil, ttl, 10), payload, []byte("REPLACE")}
		if !o.replace {
			cmd = cmd[:4]
		}
		buf = appendCommand(buf, cmd...)
		if len(buf) >= migrateChunk || i == len(keys)-1 {
			if err := mc.write(buf, timeout); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	return nil
}

// repeatedKeys returns the keys named more than once.
func repeatedKeys(keys [][]byte) map[string]bool {
	seen := make(map[string]bool, len(keys))
	var repeated map[string]bool
	for _, k := range keys {
		if seen[string(k)] {
			if repeated == nil {
				repeated = make(map[string]bool)
			}
			repeated[string(k)] = true
		}
		seen[string(k)] = true
	}
	return repeated
}

// write writes buf in pieces of migrateChunk bytes, each within timeout.
func (mc *migrateConn) write(buf []byte, timeout time.Duration) error {
	for len(buf) > 0 {
		n := min(len(buf), migrateChunk)
		mc.nc.SetWriteDeadline(time.Now().Add(timeout))
		if _, err := mc.nc.Write(buf[:n]); err != nil {
			return err
		}
		buf = buf[n:]
	}
	return nil
}

// readLine reads one reply line of the target, keeping at most
// migrateLineMax bytes of it, within timeout.
func (mc *migrateConn) readLine(timeout time.Duration) ([]byte, error) {
	mc.nc.SetReadDeadline(time.Now().Add(timeout))
	var line []byte
	for {
		part, err := mc.rd.ReadSlice('\n')
		if len(line) < migrateLineMax {
			line = append(line, part[:min(len(part), migrateLineMax-len(line))]...)
		}
		switch {
		case err == nil:
			return bytes.TrimRight(line, "\r\n"), nil
		case !errors.Is(err, bufio.ErrBufferFull):
			return nil, err
		}
	}
}

// errorLine returns the message of an error reply line, or "".
func errorLine(line []byte) string {
	if len(line) > 0 && line[0] == '-' {
		return string(line[1:])
	}
	return ""
}
