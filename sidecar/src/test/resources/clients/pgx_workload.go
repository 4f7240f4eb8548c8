// One version of a Go application written with pgx v4, run through the sidecar by PgxTest.
//
// The workload contract (arguments, control directory, report lines) is described in RollingRename.java. The old
// version says full_name, the new one display_name; neither knows the phase. pgx prepares every statement it runs
// and keeps it in its statement cache: afterwards it sends only Bind and Execute, and decodes the rows with the row
// description (and the binary formats) it was given when it prepared. So a statement whose result changes shape
// under pgx's feet is decoded against the wrong columns; PostgreSQL itself answers "cached plan must not change
// result type" instead. Each iteration runs its statements through the cache, once in a batch (pipelined), once in a
// transaction, prepares one statement it has not run before, and reads SELECT * by column name, as row-mapping
// libraries do.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v4"
)

var failures []string

func failed(what string, detail interface{}) {
	failures = append(failures, fmt.Sprintf("%s: %v", what, detail))
}

func expect(what string, actual, expected interface{}) {
	if fmt.Sprint(actual) != fmt.Sprint(expected) {
		failed(what, fmt.Sprintf("read %v, expected %v", actual, expected))
	}
}

func report(key string, value interface{}) {
	fmt.Printf("%s=%s\n", key, strings.ReplaceAll(fmt.Sprint(value), "\n", "\\n"))
}

func main() {
	host, port, database, role, control := os.Args[1], os.Args[2], os.Args[3], os.Args[4], os.Args[5]
	name := "display_name"
	if role == "old" {
		name = "full_name"
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, fmt.Sprintf("host=%s port=%s dbname=%s user=postgres connect_timeout=10"+
		" application_name=pgx-%s-version", host, port, database, role))
	if err != nil {
		fmt.Fprintln(os.Stderr, "connect:", err)
		os.Exit(1)
	}
	insertSQL := "INSERT INTO people (email, " + name + ") VALUES ($1, $2) RETURNING id"
	readSQL := "SELECT " + name + " FROM people WHERE id = $1"
	updateSQL := "UPDATE people SET " + name + " = $1 WHERE id = $2"
	byNameSQL := "SELECT id FROM people WHERE " + name + " = $1"
	starSQL := "SELECT * FROM people WHERE id = $1"

	counts := map[string]int{}
	stamp := fmt.Sprintf("%d-%d", os.Getpid(), time.Now().UnixMilli())
	i := 0
	for {
		if _, err := os.Stat(filepath.Join(control, "stop")); err == nil {
			break
		}
		i++
		iteration(ctx, conn, i, fmt.Sprintf("%s-%s-%d", role, stamp, i), name, counts,
			insertSQL, readSQL, updateSQL, byNameSQL, starSQL)
		counts["iterations"] = i
		tmp := filepath.Join(control, role+".progress.tmp")
		if err := os.WriteFile(tmp, []byte(fmt.Sprint(i)), 0o644); err != nil {
			panic(err)
		}
		if err := os.Rename(tmp, filepath.Join(control, role+".progress")); err != nil {
			panic(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	var prepared int64
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_prepared_statements").Scan(&prepared); err != nil {
		failed("count prepared statements", err)
	}
	conn.Close(ctx)
	for _, k := range []string{"iterations", "inserted", "batched", "in_transaction"} {
		report(k, counts[k])
	}
	report("server_prepared", prepared)
	report("failures", len(failures))
	for k, f := range failures {
		if k < 10 {
			report(fmt.Sprintf("failure.%d", k), f)
		}
	}
}

func iteration(ctx context.Context, conn *pgx.Conn, i int, email, name string, counts map[string]int,
	insertSQL, readSQL, updateSQL, byNameSQL, starSQL string) {
	var id int64
	if err := conn.QueryRow(ctx, insertSQL, email, "n:"+email).Scan(&id); err != nil {
		failed(fmt.Sprintf("iteration %d insert", i), err)
		return
	}
	counts["inserted"]++
	var read string
	if err := conn.QueryRow(ctx, readSQL, id).Scan(&read); err != nil {
		failed(fmt.Sprintf("iteration %d read", i), err)
	} else {
		expect("read", read, "n:"+email)
	}

	// A batch: pgx prepares what it has not cached, then pipelines every Bind/Execute before one Sync.
	b := &pgx.Batch{}
	b.Queue(updateSQL, "r:"+email, id)
	b.Queue(byNameSQL, "r:"+email)
	b.Queue(readSQL, id)
	br := conn.SendBatch(ctx, b)
	if tag, err := br.Exec(); err != nil {
		failed(fmt.Sprintf("iteration %d batched update", i), err)
	} else {
		expect("batched update", tag.RowsAffected(), 1)
	}
	var found int64
	if err := br.QueryRow().Scan(&found); err != nil {
		failed(fmt.Sprintf("iteration %d batched read by name", i), err)
	} else {
		expect("batched read by name", found, id)
	}
	if err := br.QueryRow().Scan(&read); err != nil {
		failed(fmt.Sprintf("iteration %d batched read", i), err)
	} else {
		expect("batched read", read, "r:"+email)
	}
	if err := br.Close(); err != nil {
		failed(fmt.Sprintf("iteration %d batch", i), err)
	}
	counts["batched"]++

	// A statement whose text is new to the cache (query builders inline a page size): pgx prepares it first.
	var newest int64
	if err := conn.QueryRow(ctx, fmt.Sprintf("SELECT id FROM people WHERE email LIKE $1 ORDER BY id DESC LIMIT %d",
		i), email+"%").Scan(&newest); err != nil {
		failed(fmt.Sprintf("iteration %d page", i), err)
	} else {
		expect("page", newest, id)
	}

	// SELECT * mapped by column name: the version's own name must carry the value it wrote, and every other
	// column must decode as its own type.
	rows, err := conn.Query(ctx, starSQL, id)
	if err != nil {
		failed(fmt.Sprintf("iteration %d SELECT *", i), err)
	} else {
		n := 0
		for rows.Next() {
			n++
			values, err := rows.Values()
			if err != nil {
				failed(fmt.Sprintf("iteration %d SELECT * values", i), err)
				break
			}
			row := map[string]interface{}{}
			for k, fd := range rows.FieldDescriptions() {
				if k < len(values) {
					row[string(fd.Name)] = values[k]
				}
			}
			expect("SELECT * "+name, row[name], "r:"+email)
			expect("SELECT * id", row["id"], id)
			if _, ok := row["created_at"].(time.Time); !ok {
				failed(fmt.Sprintf("iteration %d SELECT * created_at", i),
					fmt.Sprintf("%T %v is not a time", row["created_at"], row["created_at"]))
			}
		}
		if err := rows.Err(); err != nil {
			failed(fmt.Sprintf("iteration %d SELECT * rows", i), err)
		}
		expect("SELECT * row count", n, 1)
	}

	if i%3 == 0 {
		tx, err := conn.Begin(ctx)
		if err != nil {
			failed(fmt.Sprintf("iteration %d begin", i), err)
			return
		}
		for k := 0; k < 2; k++ {
			e := fmt.Sprintf("%s-tx%d", email, k)
			if err := tx.QueryRow(ctx, insertSQL, e, "r:"+e).Scan(&id); err != nil {
				failed(fmt.Sprintf("iteration %d insert in a transaction", i), err)
				_ = tx.Rollback(ctx)
				return
			}
		}
		if err := tx.Commit(ctx); err != nil {
			failed(fmt.Sprintf("iteration %d commit", i), err)
			return
		}
		counts["inserted"] += 2
		counts["in_transaction"]++
	}
}
