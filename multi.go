// multi.go holds transactions: MULTI queues commands, EXEC runs them with
// the locks of every shard they touch held throughout (so no other client
// sees or changes anything in between) and logs them wrapped in MULTI and
// EXEC, DISCARD drops them, and WATCH makes EXEC fail when a watched key
// changed, as Redis 7.0's multi.c does.
package main

import "time"

func multiCommands() []*command {
	const nq, f, b = flagNoQueue | flagNoScript, flagFast, flagAllowBusy
	return []*command{
		{name: "multi", arity: 1, flags: nq | f | b, fn: cmdMulti},
		{name: "exec", arity: 1, flags: nq, fn: cmdExec},
		{name: "discard", arity: 1, flags: nq | f | b, fn: cmdDiscard},
		{name: "watch", arity: -2, flags: nq | f | b, firstKey: 1, lastKey: -1, step: 1, fn: cmdWatch},
		{name: "unwatch", arity: 1, flags: flagNoScript | f | b, fn: cmdUnwatch}, // queued, as in Redis
	}
}

// queued is one command MULTI queued, its arguments copied.
type queued struct {
	cmd  *command
	args [][]byte
}

// queueCmd copies a command into the transaction and answers QUEUED.
func (c *client) queueCmd(cmd *command, args [][]byte) {
	size := 0
	for _, a := range args {
		size += len(a)
	}
	buf := make([]byte, 0, size)
	cp := make([][]byte, len(args))
	for i, a := range args {
		buf = append(buf, a...)
		cp[i] = buf[len(buf)-len(a):]
	}
	c.queue = append(c.queue, queued{cmd, cp})
	c.writeSimple("QUEUED")
}

func cmdMulti(c *client, args [][]byte) {
	if c.multi {
		c.writeError("ERR MULTI calls can not be nested")
		return
	}
	c.multi = true
	c.writeOK()
}

func cmdDiscard(c *client, args [][]byte) {
	if !c.multi {
		c.writeError("ERR DISCARD without MULTI")
		return
	}
	c.discardTx()
	c.unwatch(false)
	c.writeOK()
}

// discardTx ends the transaction, dropping its queue.
func (c *client) discardTx() {
	clear(c.queue)
	c.queue, c.multi, c.execErr = c.queue[:0], false, false
}

func cmdExec(c *client, args [][]byte) {
	if !c.multi {
		c.writeError("ERR EXEC without MULTI")
		return
	}
	if c.execErr {
		c.discardTx()
		c.unwatch(false)
		c.writeError("EXECABORT Transaction discarded because of previous errors.")
		return
	}
	var set shardSet
	for _, q := range c.queue {
		c.keyShards(q.cmd, q.args, &set)
	}
	for _, w := range c.watching {
		set.add(c.srv.store.shardIndex([]byte(w.key.key)))
	}
	st := c.srv.store
	st.lock(&set)
	defer st.unlock(&set)
	c.db.begin(time.Now().UnixMilli(), 0)
	c.logTo()
	if c.watchedExpired() {
		c.dirtyCAS.Store(true)
	}
	dirty := c.dirtyCAS.Load()
	c.unwatch(true)
	if dirty {
		c.discardTx()
		c.writeNullArray()
		return
	}
	q := c.queue
	c.execing = true
	c.writeArray(len(q))
	for _, e := range q {
		c.call(e.cmd, e.args)
	}
	c.execing = false
	c.failed = false // EXEC itself succeeded, whatever its commands answered
	c.discardTx()
	c.txWrites = c.commit(true) // call counts them: EXEC's reply waits for the log
	// the clients blocked on keys it readied are served after it, under its locks
	if len(c.serving.ready) > 0 {
		c.serveReady(&set)
		c.txWrites += c.commit(false)
		c.releaseWoken()
	}
}

// cmdWatch serves WATCH key...: dispatch holds the keys' shards.
func cmdWatch(c *client, args [][]byte) {
	if c.multi {
		c.writeError("ERR WATCH inside MULTI is not allowed")
		return
	}
	for _, k := range args[1:] {
		c.watch(k)
	}
	c.writeOK()
}

func cmdUnwatch(c *client, args [][]byte) {
	c.unwatch(false)
	c.writeOK()
}

// watch adds key of the selected database to the keys the client watches;
// the caller holds the key's shard.
func (c *client) watch(key []byte) {
	for _, w := range c.watching {
		if w.key.db == c.db.n && w.key.key == string(key) {
			return
		}
	}
	sh, t := c.db.table(key)
	w := &watched{c: c, key: watchKey{c.db.n, string(key)}, expired: t.expired(string(key), c.db.time())}
	if sh.watch == nil {
		sh.watch = make(map[watchKey][]*watched)
	}
	sh.watch[w.key] = append(sh.watch[w.key], w)
	c.watching = append(c.watching, w)
}

// watchedExpired reports whether a watched key, alive when WATCH ran, has
// expired since; the caller holds the keys' shards.
func (c *client) watchedExpired() bool {
	for _, w := range c.watching {
		k := []byte(w.key.key)
		if !w.expired && c.db.in(w.key.db).tableExpired(k) {
			return true
		}
	}
	return false
}

// tableExpired reports whether key has expired but is still stored.
func (d *DB) tableExpired(key []byte) bool {
	_, t := d.table(key)
	return t.expired(bytesString(key), d.time())
}

// unwatch forgets every watched key and clears the dirty flag; locked says
// the caller holds their shards.
func (c *client) unwatch(locked bool) {
	st := c.srv.store
	for _, w := range c.watching {
		sh := &st.shards[st.shardIndex([]byte(w.key.key))]
		if !locked {
			sh.mu.Lock()
		}
		ws := sh.watch[w.key]
		for i, o := range ws {
			if o == w {
				ws = append(ws[:i], ws[i+1:]...)
				break
			}
		}
		if len(ws) == 0 {
			delete(sh.watch, w.key)
			if len(sh.watch) == 0 {
				sh.watch = nil
			}
		} else {
			sh.watch[w.key] = ws
		}
		if !locked {
			sh.mu.Unlock()
		}
	}
	clear(c.watching)
	c.watching = c.watching[:0]
	c.dirtyCAS.Store(false)
}
