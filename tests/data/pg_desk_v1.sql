SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;
CREATE SCHEMA claimledger_v1fixture;
CREATE FUNCTION claimledger_v1fixture.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' THEN
    IF TG_TABLE_NAME = 'events' THEN
      IF OLD.seq = 1 AND NOT EXISTS (SELECT 1 FROM "claimledger_v1fixture".events WHERE seq <> 1) THEN
        RETURN OLD;
      END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM "claimledger_v1fixture".events) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'the % of a claimledger desk are append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'CL001';
END
$$;
SET default_tablespace = '';
SET default_table_access_method = heap;
CREATE TABLE claimledger_v1fixture.appearances (
    claim text NOT NULL COLLATE pg_catalog."C",
    snapshot text NOT NULL COLLATE pg_catalog."C",
    exact text NOT NULL COLLATE pg_catalog."C",
    prefix text NOT NULL COLLATE pg_catalog."C",
    suffix text NOT NULL COLLATE pg_catalog."C",
    quote_start bigint NOT NULL,
    quote_end bigint NOT NULL
);
CREATE TABLE claimledger_v1fixture.claim_tags (
    claim text NOT NULL COLLATE pg_catalog."C",
    tag text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v1fixture.claims (
    id text NOT NULL COLLATE pg_catalog."C",
    text text NOT NULL COLLATE pg_catalog."C",
    claimant text COLLATE pg_catalog."C",
    status text NOT NULL COLLATE pg_catalog."C",
    rating text COLLATE pg_catalog."C",
    date text COLLATE pg_catalog."C",
    context text COLLATE pg_catalog."C",
    ref text COLLATE pg_catalog."C",
    status_at text NOT NULL COLLATE pg_catalog."C",
    seq bigint NOT NULL,
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C",
    year bigint,
    verdict_seq bigint
);
CREATE TABLE claimledger_v1fixture.claims_search (
    claim bigint NOT NULL,
    terms tsvector NOT NULL,
    all_terms boolean NOT NULL,
    length bigint NOT NULL,
    buckets bigint[] NOT NULL
);
CREATE TABLE claimledger_v1fixture.contents (
    hash text NOT NULL COLLATE pg_catalog."C",
    bytes bytea NOT NULL
);
CREATE TABLE claimledger_v1fixture.desk (
    version integer NOT NULL,
    created_at text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v1fixture.event_refs (
    entity text NOT NULL COLLATE pg_catalog."C",
    seq bigint NOT NULL
);
CREATE TABLE claimledger_v1fixture.events (
    seq bigint NOT NULL,
    prev text NOT NULL COLLATE pg_catalog."C",
    type text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C",
    data text NOT NULL COLLATE pg_catalog."C",
    hash text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v1fixture.evidence (
    id text NOT NULL COLLATE pg_catalog."C",
    claim text NOT NULL COLLATE pg_catalog."C",
    snapshot text NOT NULL COLLATE pg_catalog."C",
    exact text NOT NULL COLLATE pg_catalog."C",
    prefix text NOT NULL COLLATE pg_catalog."C",
    suffix text NOT NULL COLLATE pg_catalog."C",
    quote_start bigint NOT NULL,
    quote_end bigint NOT NULL,
    stance text NOT NULL COLLATE pg_catalog."C",
    note text COLLATE pg_catalog."C",
    credibility text COLLATE pg_catalog."C",
    seq bigint NOT NULL,
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v1fixture.search_totals (
    name text NOT NULL COLLATE pg_catalog."C",
    rows bigint NOT NULL,
    tokens bigint NOT NULL
);
CREATE TABLE claimledger_v1fixture.snapshots (
    hash text NOT NULL COLLATE pg_catalog."C",
    sha256 text NOT NULL COLLATE pg_catalog."C",
    size bigint NOT NULL,
    url text COLLATE pg_catalog."C",
    title text COLLATE pg_catalog."C",
    publisher text COLLATE pg_catalog."C",
    published text COLLATE pg_catalog."C",
    retrieved text COLLATE pg_catalog."C",
    seq bigint NOT NULL,
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v1fixture.snapshots_search (
    snapshot bigint NOT NULL,
    terms tsvector NOT NULL,
    all_terms boolean NOT NULL,
    length bigint NOT NULL
);
CREATE TABLE claimledger_v1fixture.source_ratings (
    seq bigint NOT NULL,
    source text NOT NULL COLLATE pg_catalog."C",
    grade text NOT NULL COLLATE pg_catalog."C",
    rationale text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v1fixture.sources (
    id text NOT NULL COLLATE pg_catalog."C",
    name text NOT NULL COLLATE pg_catalog."C",
    kind text NOT NULL COLLATE pg_catalog."C",
    url text COLLATE pg_catalog."C",
    affiliation text COLLATE pg_catalog."C",
    reliability text COLLATE pg_catalog."C",
    reliability_at text COLLATE pg_catalog."C",
    ref text COLLATE pg_catalog."C",
    attributes text NOT NULL COLLATE pg_catalog."C",
    seq bigint NOT NULL,
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v1fixture.tree_nodes (
    level integer NOT NULL,
    idx bigint NOT NULL,
    hash bytea NOT NULL
);
CREATE TABLE claimledger_v1fixture.verdicts (
    seq bigint NOT NULL,
    claim text NOT NULL COLLATE pg_catalog."C",
    rating text NOT NULL COLLATE pg_catalog."C",
    rationale text NOT NULL COLLATE pg_catalog."C",
    evidence text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C",
    made_at text NOT NULL COLLATE pg_catalog."C",
    from_ledger text COLLATE pg_catalog."C"
);
INSERT INTO claimledger_v1fixture.claims VALUES ('clm_ff4d3d2d326ad2d5', 'About 28,500 American soldiers are stationed in South Korea.', 'src_47fffeb3a9745c29', 'new', NULL, NULL, NULL, NULL, '2026-12-06T00:51:03.011783Z', 4, '2026-12-06T00:51:03.011783Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v1fixture.claims VALUES ('clm_009894aa2275878e', 'Defence spending rose 4.2% last year.', 'src_47fffeb3a9745c29', 'new', NULL, NULL, 'Budget hearing, Seoul', NULL, '2026-12-06T00:51:03.015443Z', 5, '2026-12-06T00:51:03.015443Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v1fixture.claims VALUES ('clm_804a181b2a77ec90', 'The Big Country is a river in Wyoming.', 'src_47fffeb3a9745c29', 'new', NULL, NULL, NULL, NULL, '2026-12-06T00:51:03.015896Z', 6, '2026-12-06T00:51:03.015896Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v1fixture.claims VALUES ('clm_4004ad0d4429f882', 'Unemployment fell to 3.9% in June 2024.', 'src_47fffeb3a9745c29', 'new', NULL, NULL, 'Jobs report: June', NULL, '2026-12-06T00:51:03.016312Z', 7, '2026-12-06T00:51:03.016312Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v1fixture.claims VALUES ('clm_d73a5837a9b6cfd1', 'The US keeps approximately 28,500 troops in South Korea.', 'src_47fffeb3a9745c29', 'new', 'mostly-true', NULL, 'Interview on the armistice anniversary', NULL, '2026-12-06T00:51:03.010490Z', 3, '2026-12-06T00:51:03.010490Z', 'alice', 2026, 8);
INSERT INTO claimledger_v1fixture.claims_search VALUES (3, '''28'' ''500'' ''approximately'' ''in'' ''keeps'' ''korea'' ''south'' ''the'' ''troops'' ''us''', true, 10, '{-8566881514177317973,-8215519083334310936,-7767119147958329922,-5465367383015737833,-1686059293024487352,-1340244242435833907,-923653299970149306,-649040463579905985,2810272250494804209,3932483608921338257,4668706632029131930,5405918192649929865,6728701920936037700,6997994212637072169,8075980159034169543,8713542833638390482}');
INSERT INTO claimledger_v1fixture.claims_search VALUES (4, '''28'' ''500'' ''about'' ''american'' ''are'' ''in'' ''korea'' ''soldiers'' ''south'' ''stationed''', true, 10, '{-8215519083334310936,-8114942448855445922,-7685809662492773902,-7421654315421712909,-7351239173228402855,-7007932807368788989,-6078473857949370018,-5845608142640528023,-3690386225676145147,-1331976808257793137,1945992171365670176,2345694558403496200,4253373416928967806,4342715831273715334,5405918192649929865,8830675670688381775}');
INSERT INTO claimledger_v1fixture.claims_search VALUES (5, '''2'' ''4'' ''defence'' ''last'' ''rose'' ''spending'' ''year''', true, 7, '{-8149652871547899686,-7438817577703887225,-5779990655226090693,-5453384386105311695,-5175282191003978020,-4428516361900490043,-3785616397232422445,-3186348020618680517,-10053754817650968,1122853194357115652,2492330336637414891,3193946825552234447,4940383673379283366,5099480366300730423,5982847284317276477,6545510607035877437}');
INSERT INTO claimledger_v1fixture.claims_search VALUES (6, '''a'' ''big'' ''country'' ''in'' ''is'' ''river'' ''the'' ''wyoming''', true, 8, '{-7926106390009532772,-7081223108977633281,-6035465783644271349,-5588415544777343806,-4109031802712918208,-4101501317906941125,-3812260059099550025,-3377355769845828826,-3092107211876633032,-1968986609815922138,-1704378633341728721,-964375396030200919,-790793369141129633,1661339064558387399,5471220167095322965,9073679332816043948}');
INSERT INTO claimledger_v1fixture.claims_search VALUES (7, '''2024'' ''3'' ''9'' ''fell'' ''in'' ''june'' ''to'' ''unemployment''', true, 8, '{-8008677062699890394,-7637942502027058474,-5124772595987708621,-4756658267644229610,-4662117448048091760,-4423368839501966984,-1956749710286515,1571523634224826677,3216041044061387454,4098357258045040378,4173242253197100226,5911668736533991138,5939208541663241025,6939678489248992278,8818941331888782227,9104221852742011681}');
INSERT INTO claimledger_v1fixture.desk VALUES (1, '2026-12-06 00:51:02.803376+00');
INSERT INTO claimledger_v1fixture.event_refs VALUES ('src_47fffeb3a9745c29', 2);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('clm_d73a5837a9b6cfd1', 3);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('src_47fffeb3a9745c29', 3);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('clm_ff4d3d2d326ad2d5', 4);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('src_47fffeb3a9745c29', 4);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('clm_009894aa2275878e', 5);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('src_47fffeb3a9745c29', 5);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('clm_804a181b2a77ec90', 6);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('src_47fffeb3a9745c29', 6);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('clm_4004ad0d4429f882', 7);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('src_47fffeb3a9745c29', 7);
INSERT INTO claimledger_v1fixture.event_refs VALUES ('clm_d73a5837a9b6cfd1', 8);
INSERT INTO claimledger_v1fixture.events VALUES (1, 'sha256:0000000000000000000000000000000000000000000000000000000000000000', 'ledger.created', '2026-12-06T00:51:02.998604Z', 'alice', '{"format":"claimledger","nonce":"4d48a9d5d19c374d9f83bceba6848ee6","scale":{"name":"default","ratings":[{"label":"true","rank":0},{"label":"mostly-true","rank":1},{"label":"mixed","rank":2},{"label":"mostly-false","rank":3},{"label":"false","rank":4},{"label":"unproven","rank":null},{"label":"misleading","rank":null}]},"version":1}', 'sha256:eca974c0708ced04ae79b91780db349558c016e02eb9520d276749f0d6a0a8c5');
INSERT INTO claimledger_v1fixture.events VALUES (2, 'sha256:eca974c0708ced04ae79b91780db349558c016e02eb9520d276749f0d6a0a8c5', 'source.added', '2026-12-06T00:51:03.004916Z', 'alice', '{"affiliation":null,"attributes":{},"kind":"person","name":"Chun In-bum","ref":null,"url":null}', 'sha256:47fffeb3a9745c295eb6d1cc945f85a68a96def6958e56b8c57188c3f5be6876');
INSERT INTO claimledger_v1fixture.events VALUES (3, 'sha256:47fffeb3a9745c295eb6d1cc945f85a68a96def6958e56b8c57188c3f5be6876', 'claim.added', '2026-12-06T00:51:03.010490Z', 'alice', '{"appears_in":null,"claimant":"src_47fffeb3a9745c29","context":"Interview on the armistice anniversary","date":null,"provenance":null,"quantities":[{"begin":13,"end":40,"high":null,"low":null,"qualifier":"approximately","text":"approximately 28,500 troops","unit":"troops","value":"28500"}],"ref":null,"tags":[],"text":"The US keeps approximately 28,500 troops in South Korea."}', 'sha256:d73a5837a9b6cfd1693e0e5fc598c98a00e05d40da87f06afbdaf80430c93a94');
INSERT INTO claimledger_v1fixture.events VALUES (4, 'sha256:d73a5837a9b6cfd1693e0e5fc598c98a00e05d40da87f06afbdaf80430c93a94', 'claim.added', '2026-12-06T00:51:03.011783Z', 'alice', '{"appears_in":null,"claimant":"src_47fffeb3a9745c29","context":null,"date":null,"provenance":null,"quantities":[{"begin":0,"end":30,"high":null,"low":null,"qualifier":"about","text":"About 28,500 American soldiers","unit":"soldiers","value":"28500"}],"ref":null,"tags":[],"text":"About 28,500 American soldiers are stationed in South Korea."}', 'sha256:ff4d3d2d326ad2d581cbf68d2f20a23a6a722b8bfaab28323b7c2231a2b46e25');
INSERT INTO claimledger_v1fixture.events VALUES (5, 'sha256:ff4d3d2d326ad2d581cbf68d2f20a23a6a722b8bfaab28323b7c2231a2b46e25', 'claim.added', '2026-12-06T00:51:03.015443Z', 'alice', '{"appears_in":null,"claimant":"src_47fffeb3a9745c29","context":"Budget hearing, Seoul","date":null,"provenance":null,"quantities":[{"begin":22,"end":26,"high":null,"low":null,"qualifier":"","text":"4.2%","unit":"percent","value":"4.2"}],"ref":null,"tags":[],"text":"Defence spending rose 4.2% last year."}', 'sha256:009894aa2275878e63a06e586470d4465430cdfa7fdf4fbabfc5b4f11a702a03');
INSERT INTO claimledger_v1fixture.events VALUES (6, 'sha256:009894aa2275878e63a06e586470d4465430cdfa7fdf4fbabfc5b4f11a702a03', 'claim.added', '2026-12-06T00:51:03.015896Z', 'alice', '{"appears_in":null,"claimant":"src_47fffeb3a9745c29","context":null,"date":null,"provenance":null,"quantities":[],"ref":null,"tags":[],"text":"The Big Country is a river in Wyoming."}', 'sha256:804a181b2a77ec90be510c5c5e8325973d55d2bfef08edffa96faaf38c825e88');
INSERT INTO claimledger_v1fixture.events VALUES (7, 'sha256:804a181b2a77ec90be510c5c5e8325973d55d2bfef08edffa96faaf38c825e88', 'claim.added', '2026-12-06T00:51:03.016312Z', 'alice', '{"appears_in":null,"claimant":"src_47fffeb3a9745c29","context":"Jobs report: June","date":null,"provenance":null,"quantities":[{"begin":21,"end":25,"high":null,"low":null,"qualifier":"","text":"3.9%","unit":"percent","value":"3.9"},{"begin":29,"end":38,"high":"20240630","low":"20240601","qualifier":"","text":"June 2024","unit":"date","value":null}],"ref":null,"tags":[],"text":"Unemployment fell to 3.9% in June 2024."}', 'sha256:4004ad0d4429f88225c1d8bcad89884f7a0884f39f6a5c88ea3067564c412ffb');
INSERT INTO claimledger_v1fixture.events VALUES (8, 'sha256:4004ad0d4429f88225c1d8bcad89884f7a0884f39f6a5c88ea3067564c412ffb', 'verdict.set', '2026-12-06T00:51:03.023997Z', 'alice', '{"claim":"clm_d73a5837a9b6cfd1","evidence":[],"rating":"mostly-true","rationale":"USFK gives about 28,500."}', 'sha256:d66accf0e593dfde123ba82d41356f3e56467f2f6c4824bc4060035a6cf2572f');
INSERT INTO claimledger_v1fixture.search_totals VALUES ('snapshots', 0, 0);
INSERT INTO claimledger_v1fixture.search_totals VALUES ('claims', 5, 43);
INSERT INTO claimledger_v1fixture.sources VALUES ('src_47fffeb3a9745c29', 'Chun In-bum', 'person', NULL, NULL, NULL, NULL, NULL, '{}', 2, '2026-12-06T00:51:03.004916Z', 'alice');
INSERT INTO claimledger_v1fixture.verdicts VALUES (8, 'clm_d73a5837a9b6cfd1', 'mostly-true', 'USFK gives about 28,500.', '[]', '2026-12-06T00:51:03.023997Z', 'alice', '2026-12-06T00:51:03.023997Z', NULL);
ALTER TABLE ONLY claimledger_v1fixture.appearances
    ADD CONSTRAINT appearances_pkey PRIMARY KEY (claim, snapshot, quote_start);
ALTER TABLE ONLY claimledger_v1fixture.claim_tags
    ADD CONSTRAINT claim_tags_pkey PRIMARY KEY (claim, tag);
ALTER TABLE ONLY claimledger_v1fixture.claims
    ADD CONSTRAINT claims_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v1fixture.claims_search
    ADD CONSTRAINT claims_search_pkey PRIMARY KEY (claim);
ALTER TABLE ONLY claimledger_v1fixture.claims
    ADD CONSTRAINT claims_seq_key UNIQUE (seq);
ALTER TABLE ONLY claimledger_v1fixture.contents
    ADD CONSTRAINT contents_pkey PRIMARY KEY (hash);
ALTER TABLE ONLY claimledger_v1fixture.event_refs
    ADD CONSTRAINT event_refs_pkey PRIMARY KEY (entity, seq);
ALTER TABLE ONLY claimledger_v1fixture.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (seq);
ALTER TABLE ONLY claimledger_v1fixture.evidence
    ADD CONSTRAINT evidence_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v1fixture.search_totals
    ADD CONSTRAINT search_totals_pkey PRIMARY KEY (name);
ALTER TABLE ONLY claimledger_v1fixture.snapshots
    ADD CONSTRAINT snapshots_pkey PRIMARY KEY (hash);
ALTER TABLE ONLY claimledger_v1fixture.snapshots_search
    ADD CONSTRAINT snapshots_search_pkey PRIMARY KEY (snapshot);
ALTER TABLE ONLY claimledger_v1fixture.snapshots
    ADD CONSTRAINT snapshots_seq_key UNIQUE (seq);
ALTER TABLE ONLY claimledger_v1fixture.source_ratings
    ADD CONSTRAINT source_ratings_pkey PRIMARY KEY (seq);
ALTER TABLE ONLY claimledger_v1fixture.sources
    ADD CONSTRAINT sources_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v1fixture.tree_nodes
    ADD CONSTRAINT tree_nodes_pkey PRIMARY KEY (level, idx);
ALTER TABLE ONLY claimledger_v1fixture.verdicts
    ADD CONSTRAINT verdicts_pkey PRIMARY KEY (seq);
CREATE INDEX appearances_snapshot ON claimledger_v1fixture.appearances USING btree (snapshot);
CREATE INDEX claims_claimant ON claimledger_v1fixture.claims USING btree (claimant, rating, year);
CREATE INDEX claims_ref ON claimledger_v1fixture.claims USING btree (ref) WHERE (ref IS NOT NULL);
CREATE INDEX claims_search_buckets ON claimledger_v1fixture.claims_search USING gin (buckets);
CREATE INDEX claims_search_some_terms ON claimledger_v1fixture.claims_search USING btree (claim) WHERE (NOT all_terms);
CREATE INDEX claims_search_terms ON claimledger_v1fixture.claims_search USING gin (terms);
CREATE INDEX events_at ON claimledger_v1fixture.events USING btree (at);
CREATE INDEX events_hash_prefix ON claimledger_v1fixture.events USING btree (substr(hash, 8, 16));
CREATE INDEX evidence_claim ON claimledger_v1fixture.evidence USING btree (claim);
CREATE INDEX evidence_snapshot ON claimledger_v1fixture.evidence USING btree (snapshot);
CREATE INDEX snapshots_search_terms ON claimledger_v1fixture.snapshots_search USING gin (terms);
CREATE INDEX source_ratings_source ON claimledger_v1fixture.source_ratings USING btree (source, seq);
CREATE INDEX sources_ref ON claimledger_v1fixture.sources USING btree (ref) WHERE (ref IS NOT NULL);
CREATE INDEX verdicts_claim ON claimledger_v1fixture.verdicts USING btree (claim, made_at, seq);
CREATE TRIGGER contents_append_only BEFORE DELETE OR UPDATE ON claimledger_v1fixture.contents FOR EACH ROW EXECUTE FUNCTION claimledger_v1fixture.refuse_change();
CREATE TRIGGER contents_no_truncate BEFORE TRUNCATE ON claimledger_v1fixture.contents FOR EACH STATEMENT EXECUTE FUNCTION claimledger_v1fixture.refuse_change();
CREATE TRIGGER events_append_only BEFORE DELETE OR UPDATE ON claimledger_v1fixture.events FOR EACH ROW EXECUTE FUNCTION claimledger_v1fixture.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON claimledger_v1fixture.events FOR EACH STATEMENT EXECUTE FUNCTION claimledger_v1fixture.refuse_change();
