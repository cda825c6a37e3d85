// cmd_dump.go holds DUMP and RESTORE: DUMP answers a key's value as an
// RDB payload (rdb_dump.go), RESTORE creates a key from one
// (rdb_restore.go) with Redis 7.0's options and errors in its order, and
// logs itself with its expiry made absolute (ABSTTL), which replays to
// the same key. IDLETIME sets the key's access time; FREQ is checked and
// ignored, as Redis ignores it under an LRU policy (nosql's only one).
package main

import (
	"bytes"
	"errors"
	"strconv"
)

func dumpCommands() []*command {
	return []*command{
		{name: "dump", arity: 2, flags: flagReadonly, firstKey: 1, lastKey: 1, step: 1, fn: cmdDump},
		{name: "restore", arity: -4, flags: flagWrite | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdRestore},
		{name: "migrate", arity: -6, flags: flagWrite, firstKey: 3, lastKey: 3, step: 1, keys: migrateKeys, fn: cmdMigrate},
	}
}

func cmdDump(c *client, args [][]byte) {
	v, ok := c.db.Lookup(args[1])
	if !ok {
		c.writeNull()
		return
	}
	p, ok := dumpPayload(v)
	if !ok {
		c.writeError("ERR DUMP of a " + v.TypeName() + " is not supported")
		return
	}
	c.writeBulk(p)
}

// restoreOpts are RESTORE's options.
type restoreOpts struct {
	replace, absTTL bool
	idle            int64 // IDLETIME's seconds; -1: none
}

// parseRestore reads RESTORE's options (args[4:]) as Redis does, or
// returns the error reply.
func parseRestore(args [][]byte) (restoreOpts, string) {
	o := restoreOpts{idle: -1}
	idle, freq := false, false
	for j := 4; j < len(args); j++ {
		more := len(args) - j - 1
		switch a := args[j]; {
		case bytes.EqualFold(a, []byte("replace")):
			o.replace = true
		case bytes.EqualFold(a, []byte("absttl")):
			o.absTTL = true
		case bytes.EqualFold(a, []byte("idletime")) && more >= 1 && !freq:
			n, ok := parseCanonicalInt(args[j+1])
			switch {
			case !ok:
				return o, errNotInteger
			case n < 0:
				return o, "ERR Invalid IDLETIME value, must be >= 0"
			}
			idle, o.idle = true, n
			j++
		case bytes.EqualFold(a, []byte("freq")) && more >= 1 && !idle:
			n, ok := parseCanonicalInt(args[j+1])
			switch {
			case !ok:
				return o, errNotInteger
			case n < 0 || n > 255:
				return o, "ERR Invalid FREQ value, must be >= 0 and <= 255"
			}
			freq = true
			j++
		default:
			return o, errSyntax
		}
	}
	return o, ""
}

func cmdRestore(c *client, args [][]byte) {
	o, errMsg := parseRestore(args)
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	if err := c.db.Restore(args[1], args[2], args[3], o); err != nil {
		c.writeError(err.Error())
		return
	}
	c.writeOK()
}

// Restore makes key hold the value of a DUMP payload, with an expiry of
// ttl milliseconds from now (at ttl with ABSTTL; none for 0). It refuses
// an existing key without REPLACE; an expiry already past only deletes
// the key REPLACE names.
func (d *DB) Restore(key, ttlArg, payload []byte, o restoreOpts) error {
	sh, t, _, exists := d.get(key)
	if exists && !o.replace {
		return errBusyKey
	}
	ttl, ok := parseCanonicalInt(ttlArg)
	switch {
	case !ok:
		return errTTLNotInteger
	case ttl < 0:
		return errBadTTL
	}
	data, err := checkPayload(payload)
	if err != nil {
		return err
	}
	v, err := restoreValue(data, d.encodings())
	if err != nil {
		return err
	}
	if ttl != 0 && !o.absTTL {
		ttl += d.time()
	}
	if exists { // REPLACE: deleted first, so key is new, as in Redis
		d.del(sh, t, key)
	}
	if ttl != 0 && ttl <= d.time() && !d.rec.loading {
		if exists {
			d.log("DEL", string(key))
			d.deleted(key)
		}
		return nil
	}
	if _, ok := v.obj.(*Stream); ok {
		d.s.hadStream.Store(true)
	}
	d.set(sh, t, key, v)
	if o.idle >= 0 {
		t.setLRU(bytesString(key), lruBefore(d.clock(), o.idle))
	}
	if ttl != 0 {
		t.expireAt(bytesString(key), ttl)
	}
	if d.logging() {
		rec := []string{"RESTORE", string(key), strconv.FormatInt(ttl, 10), string(payload), "REPLACE"}
		if ttl != 0 {
			rec = append(rec, "ABSTTL")
		}
		d.log(rec...)
	}
	d.notify(notifyGeneric, "restore", key)
	return nil
}

// RESTORE's errors, in Redis's words.
var (
	errBusyKey       = errors.New("BUSYKEY Target key name already exists.")
	errTTLNotInteger = errors.New(errNotInteger)
	errBadTTL        = errors.New("ERR Invalid TTL value, must be >= 0")
)
