#!/usr/bin/env python3
"""A model of import cost by schema, outside ffb: re-inserts the theme series and observations of
an imported store (argv[1]: a store made by `ffb import` of `ffb exchange synth-orders` output) with Python's executemany into
the current schema (v3) and into one with integer series keys and observations WITHOUT ROWID
(v4), and prints insert and commit times and file sizes. See Benchmarks/results.md."""
import os
import sqlite3
import sys
import tempfile
import time

src = sqlite3.connect(sys.argv[1])
scratch = os.path.join(tempfile.mkdtemp(), "v.sqlite")
series=src.execute("select id,citizen_id,theme,write_id from theme_series").fetchall()
sid={s[0]:i+1 for i,s in enumerate(series)}
obs=src.execute("select * from theme_observations").fetchall()
def run(name, ddl, ser_rows, obs_rows, obs_sql):
    for x in ['','-wal','-shm']:
        if os.path.exists(scratch+x): os.remove(scratch+x)
    d=sqlite3.connect(scratch,isolation_level=None); d.execute("pragma journal_mode=wal"); d.execute("pragma foreign_keys=on"); d.execute("pragma cache_size=-512000")
    d.executescript(ddl)
    d.execute("insert into writes values (1,'a','b','c')")
    d.executemany("insert into citizens(id) values (?)", [(i,) for i in set(s[1] for s in series)])
    d.executemany("insert into assessments(id) values (?)", [(a,) for a in set(o[2] for o in obs)])
    t=time.time(); d.execute("begin")
    d.executemany("insert into theme_series values (?,?,?,?)", ser_rows)
    d.executemany(obs_sql, obs_rows)
    c=time.time(); d.execute("commit"); d.close()
    print(name, "insert", round(c-t,2), "commit+close", round(time.time()-c,2), "size MB", round(os.path.getsize(scratch)/1e6,1))
base="create table writes(id integer primary key, at, user, command); create table citizens(id integer primary key); create table assessments(id text primary key);"
v3=base+"""create table theme_series(id text primary key, citizen_id integer not null references citizens(id), theme text not null, write_id integer not null references writes(id), unique(citizen_id, theme));
create table theme_observations(id integer primary key, series_id text not null references theme_series(id), assessment_id text not null references assessments(id), level int, na int, rel text, note text, source text, write_id int not null references writes(id), unique(series_id, assessment_id));
create index oa on theme_observations(assessment_id);"""
v4=base+"""create table theme_series(id integer primary key, citizen_id integer not null references citizens(id), theme text not null, write_id integer not null references writes(id), unique(citizen_id, theme));
create table theme_observations(series_id integer not null references theme_series(id), assessment_id text not null references assessments(id), level int, na int, rel text, note text, source text, write_id int not null references writes(id), primary key(series_id, assessment_id)) without rowid;
create index oa on theme_observations(assessment_id);"""
run("v3", v3, series, obs, "insert into theme_observations values (?,?,?,?,?,?,?,?,?)")
run("v4", v4, [(sid[s[0]],s[1],s[2],s[3]) for s in series], [(sid[o[1]],)+tuple(o[2:]) for o in obs], "insert into theme_observations values (?,?,?,?,?,?,?,?)")
