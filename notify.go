// notify.go holds keyspace notifications (Redis's notify.c): a write
// notes each event it makes with d.notify(class, event, key) beside the
// code that makes the effect (next to its d.log), as Redis calls
// notifyKeyspaceEvent; a key a write creates is noted "new" by DB.add
// (under DB.put and DB.set), an expired key "expired" by DB.expire, and
// a collection emptied through DB.changed "del" after the event given to
// it. The events of one command are published when it returns, still
// under its locks (so the events of one key come in the order of its
// writes; inside EXEC after each command, as Redis does), through pub/sub
// on __keyspace@<db>__:<key> (the message is the event) and
// __keyevent@<db>__:<event> (the message is the key), as
// notify-keyspace-events selects. With none selected a write pays one
// atomic load per event. nosql evicts no key: no "evicted" event.
package main

import "strconv"

// keyEvent is one event a command made, waiting to be published.
type keyEvent struct {
	db    int
	event string
	key   string
}

// notify notes event on key in d's database, of class (a notify* flag),
// if notify-keyspace-events selects the class and a channel kind.
func (d *DB) notify(class int, event string, key []byte) {
	if d.s.notify == nil || d.events == nil {
		return
	}
	flags := int(d.s.notify.Load())
	if flags&class == 0 || flags&(notifyKeyspace|notifyKeyevent) == 0 || d.rec.loading {
		return
	}
	*d.events = append(*d.events, keyEvent{db: d.n, event: event, key: string(key)})
}

// created notes that key was added to the database (Redis's dbAdd): the
// "new" event.
func (d *DB) created(key []byte) { d.notify(notifyNew, "new", key) }

// deleted notes the generic "del" event on key.
func (d *DB) deleted(key []byte) { d.notify(notifyGeneric, "del", key) }

// missed notes the "keymiss" event of a write command's read of key
// that found nothing, where Redis reads it as a read (the sources of the
// STORE commands, GETSET's old value...); the lookups of read-only
// commands note it themselves (DB.get).
func (d *DB) missed(key []byte) {
	if d.reads == nil {
		d.notify(notifyKeyMiss, "keymiss", key)
	}
}

// lookupNoMiss returns key's value as Lookup does, without the keymiss
// event (Redis's LOOKUP_NONOTIFY, for OBJECT and MEMORY USAGE): a miss
// noted it last, so it is taken back.
func (d *DB) lookupNoMiss(key []byte) (Value, bool) {
	v, ok := d.Lookup(key)
	if !ok && d.events != nil {
		if ev := *d.events; len(ev) > 0 && ev[len(ev)-1].event == "keymiss" {
			*d.events = ev[:len(ev)-1]
		}
	}
	return v, ok
}

// publishEvents publishes the events the client's command made, in order,
// and forgets them. A command calls it before its locks are released.
func (c *client) publishEvents() {
	if len(c.events) == 0 {
		return
	}
	flags := c.srv.notifyFlags()
	var buf []byte
	for _, e := range c.events {
		if flags&notifyKeyspace != 0 {
			buf = eventChannel(buf[:0], "__keyspace@", e.db, e.key)
			c.publish(subChannel, buf, []byte(e.event))
		}
		if flags&notifyKeyevent != 0 {
			buf = eventChannel(buf[:0], "__keyevent@", e.db, e.event)
			c.publish(subChannel, buf, []byte(e.key))
		}
	}
	clear(c.events)
	c.events = c.events[:0]
	if cap(c.events) > maxKeptEvents {
		c.events = nil
	}
}

// maxKeptEvents is the largest event buffer a client keeps between
// commands.
const maxKeptEvents = 1024

// eventChannel appends the channel prefix<db>__:<name> to b.
func eventChannel(b []byte, prefix string, db int, name string) []byte {
	b = append(b, prefix...)
	b = strconv.AppendInt(b, int64(db), 10)
	b = append(b, "__:"...)
	return append(b, name...)
}
