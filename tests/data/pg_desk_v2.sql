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
CREATE SCHEMA claimledger_v2fixture;
CREATE FUNCTION claimledger_v2fixture.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' THEN
    IF TG_TABLE_NAME = 'events' THEN
      IF OLD.seq = 1 AND NOT EXISTS (SELECT 1 FROM "claimledger_v2fixture".events WHERE seq <> 1) THEN
        RETURN OLD;
      END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM "claimledger_v2fixture".events) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'the % of a claimledger desk are append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'CL001';
END
$$;
SET default_tablespace = '';
SET default_table_access_method = heap;
CREATE TABLE claimledger_v2fixture.appearances (
    claim text NOT NULL COLLATE pg_catalog."C",
    snapshot text NOT NULL COLLATE pg_catalog."C",
    exact text NOT NULL COLLATE pg_catalog."C",
    prefix text NOT NULL COLLATE pg_catalog."C",
    suffix text NOT NULL COLLATE pg_catalog."C",
    quote_start bigint NOT NULL,
    quote_end bigint NOT NULL
);
CREATE TABLE claimledger_v2fixture.claim_tags (
    claim text NOT NULL COLLATE pg_catalog."C",
    tag text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v2fixture.claims (
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
CREATE TABLE claimledger_v2fixture.claims_search (
    claim bigint NOT NULL,
    terms tsvector NOT NULL,
    all_terms boolean NOT NULL,
    length bigint NOT NULL,
    buckets bigint[] NOT NULL
);
CREATE TABLE claimledger_v2fixture.contents (
    hash text NOT NULL COLLATE pg_catalog."C",
    bytes bytea NOT NULL
);
CREATE TABLE claimledger_v2fixture.desk (
    version integer NOT NULL,
    created_at text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v2fixture.event_refs (
    entity text NOT NULL COLLATE pg_catalog."C",
    seq bigint NOT NULL
);
CREATE TABLE claimledger_v2fixture.events (
    seq bigint NOT NULL,
    prev text NOT NULL COLLATE pg_catalog."C",
    type text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C",
    data text NOT NULL COLLATE pg_catalog."C",
    hash text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v2fixture.evidence (
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
CREATE TABLE claimledger_v2fixture.search_totals (
    name text NOT NULL COLLATE pg_catalog."C",
    rows bigint NOT NULL,
    tokens bigint NOT NULL
);
CREATE TABLE claimledger_v2fixture.snapshots (
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
CREATE TABLE claimledger_v2fixture.snapshots_search (
    snapshot bigint NOT NULL,
    terms tsvector NOT NULL,
    all_terms boolean NOT NULL,
    length bigint NOT NULL
);
CREATE TABLE claimledger_v2fixture.source_ratings (
    seq bigint NOT NULL,
    source text NOT NULL COLLATE pg_catalog."C",
    grade text NOT NULL COLLATE pg_catalog."C",
    rationale text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v2fixture.sources (
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
CREATE TABLE claimledger_v2fixture.tree_nodes (
    level integer NOT NULL,
    idx bigint NOT NULL,
    hash bytea NOT NULL
);
CREATE TABLE claimledger_v2fixture.verdicts (
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
INSERT INTO claimledger_v2fixture.claims VALUES ('clm_17dbc8fcb2a7f19e', '去年国防开支增长了4.2%。', 'src_557af19eb9c829d4', 'new', NULL, NULL, '首尔预算听证会', NULL, '2026-12-06T03:14:20.594442Z', 5, '2026-12-06T03:14:20.594442Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v2fixture.claims VALUES ('clm_0e9d204b1997b1f1', '东京的物价去年上涨了3%。', 'src_557af19eb9c829d4', 'new', NULL, NULL, NULL, NULL, '2026-12-06T03:14:20.594799Z', 6, '2026-12-06T03:14:20.594799Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v2fixture.claims VALUES ('clm_4dea0841f7009a93', '東京の物価は昨年3%上昇した。', 'src_557af19eb9c829d4', 'new', NULL, NULL, NULL, NULL, '2026-12-06T03:14:20.595219Z', 7, '2026-12-06T03:14:20.595219Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v2fixture.claims VALUES ('clm_980b8f99ad97502d', 'Unemployment fell to 3.9% in June 2024.', 'src_557af19eb9c829d4', 'new', NULL, NULL, NULL, NULL, '2026-12-06T03:14:20.595777Z', 8, '2026-12-06T03:14:20.595777Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v2fixture.claims VALUES ('clm_6ce44b0023cc1e42', '美国在韩国驻扎约28500名士兵。', 'src_557af19eb9c829d4', 'new', 'mostly-true', NULL, '停战纪念日的采访', NULL, '2026-12-06T03:14:20.593549Z', 4, '2026-12-06T03:14:20.593549Z', 'alice', 2026, 9);
INSERT INTO claimledger_v2fixture.claims_search VALUES (4, '''停战纪念日的采访'' ''美国在韩国驻扎约28500名士兵''', true, 2, '{-8869158897606632921,-6756234159501920176,-4285948989848227434,-4234257147144376241,-2175128465496974584,-1281674685150855649,2167557655738573579,3736520544043568771,4668193582040460513,5100611584044739706,5191354134103444752,6137444828678099362,6642891068182483434,7946747038007613769,8178019556831293833,8978981317670001799}');
INSERT INTO claimledger_v2fixture.claims_search VALUES (5, '''2'' ''去年国防开支增长了4'' ''首尔预算听证会''', true, 3, '{-9005485183928038825,-5930186839261749100,-4125122983549853352,-1377076111142393563,-1376598545455694377,-1029435077582095566,-217919173546109659,590730198439777252,715124620647002526,913096053483803173,971789583749959529,1028073413243971333,3294512252576765906,6146680822887911887,7532369044224784804,8117866554349842712}');
INSERT INTO claimledger_v2fixture.claims_search VALUES (6, '''东京的物价去年上涨了3''', true, 1, '{-7445220833496410881,-6043828109373036596,-5971457696543821923,-5919323622250189716,-4257413032354573772,-3446190049752612341,-2637957052061506961,-1952209378150012270,492896639256421499,3872708625121868248,4554444484453696015,6622038883641560446,6841411690993067289,7200787638158347664,8657023830131728203,8777078199355722373}');
INSERT INTO claimledger_v2fixture.claims_search VALUES (7, '''上昇した'' ''東京の物価は昨年3''', true, 2, '{-8186634768924879991,-4940717071503114489,-1937841165455090120,-1096019126935086345,-559331741349083094,-237754519534798877,203566435064200586,1206951602351897534,1382633517887471005,2310792293350463404,2492420546419466071,4613009105031605920,5133080131407035399,6122133847492703441,6582036820464551293,8204591069287493050}');
INSERT INTO claimledger_v2fixture.claims_search VALUES (8, '''2024'' ''3'' ''9'' ''fell'' ''in'' ''june'' ''to'' ''unemployment''', true, 8, '{-8008677062699890394,-7637942502027058474,-5124772595987708621,-4756658267644229610,-4662117448048091760,-4423368839501966984,-1956749710286515,1571523634224826677,3216041044061387454,4098357258045040378,4173242253197100226,5911668736533991138,5939208541663241025,6939678489248992278,8818941331888782227,9104221852742011681}');
INSERT INTO claimledger_v2fixture.contents VALUES ('xxh3-128:77c2d65a42b4c04a416304978ddc4441', '\xe9a696e5b094efbc8c32303234e5b9b43130e69c883231e697a5e38082e5b086e5869be8a1a8e7a4baefbc8ce7be8ee59bbde59ca8e99fa9e59bbde9a9bbe6898ee7baa63238353030e5908de5a3abe585b5e38082e58ebbe5b9b4e59bbde998b2e5bc80e694afe5a29ee995bfe4ba86342e3225e38082');
INSERT INTO claimledger_v2fixture.desk VALUES (2, '2026-12-06 03:14:20.528851+00');
INSERT INTO claimledger_v2fixture.event_refs VALUES ('src_557af19eb9c829d4', 2);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('xxh3-128:77c2d65a42b4c04a416304978ddc4441', 3);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('clm_6ce44b0023cc1e42', 4);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('src_557af19eb9c829d4', 4);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('clm_17dbc8fcb2a7f19e', 5);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('src_557af19eb9c829d4', 5);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('clm_0e9d204b1997b1f1', 6);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('src_557af19eb9c829d4', 6);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('clm_4dea0841f7009a93', 7);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('src_557af19eb9c829d4', 7);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('clm_980b8f99ad97502d', 8);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('src_557af19eb9c829d4', 8);
INSERT INTO claimledger_v2fixture.event_refs VALUES ('clm_6ce44b0023cc1e42', 9);
INSERT INTO claimledger_v2fixture.events VALUES (1, 'sha256:0000000000000000000000000000000000000000000000000000000000000000', 'ledger.created', '2026-12-06T03:14:20.577176Z', 'alice', '{"format":"claimledger","nonce":"f33e55f9e13b2016793d981af45b6f49","scale":{"name":"default","ratings":[{"label":"true","rank":0},{"label":"mostly-true","rank":1},{"label":"mixed","rank":2},{"label":"mostly-false","rank":3},{"label":"false","rank":4},{"label":"unproven","rank":null},{"label":"misleading","rank":null}]},"version":1}', 'sha256:5f5837a082f44fb4bbeeee48b153dcf56c68b77d0f6f36ea19ed0685434c6d09');
INSERT INTO claimledger_v2fixture.events VALUES (2, 'sha256:5f5837a082f44fb4bbeeee48b153dcf56c68b77d0f6f36ea19ed0685434c6d09', 'source.added', '2026-12-06T03:14:20.582814Z', 'alice', '{"affiliation":null,"attributes":{},"kind":"person","name":"全仁范","ref":null,"url":null}', 'sha256:557af19eb9c829d44916dd1995696ec402679023dc48e30dd373a45bc24a6c81');
INSERT INTO claimledger_v2fixture.events VALUES (3, 'sha256:557af19eb9c829d44916dd1995696ec402679023dc48e30dd373a45bc24a6c81', 'snapshot.added', '2026-12-06T03:14:20.587637Z', 'alice', '{"hash":"xxh3-128:77c2d65a42b4c04a416304978ddc4441","published":null,"publisher":null,"retrieved":null,"sha256":"sha256:ad2b60697ac3d591847b92735587c4fdbb158c632d7ad75efd6c1fca4dcec80b","size":119,"title":"驻韩美军","url":"https://wire.example/zh/troops"}', 'sha256:18452c2c1056737a14fa3791e2f959a9084e36a86dc8112aad94d82d16ae7f09');
INSERT INTO claimledger_v2fixture.events VALUES (4, 'sha256:18452c2c1056737a14fa3791e2f959a9084e36a86dc8112aad94d82d16ae7f09', 'claim.added', '2026-12-06T03:14:20.593549Z', 'alice', '{"appears_in":null,"claimant":"src_557af19eb9c829d4","context":"停战纪念日的采访","date":null,"provenance":null,"quantities":[],"ref":null,"tags":[],"text":"美国在韩国驻扎约28500名士兵。"}', 'sha256:6ce44b0023cc1e42be0262589654b7f40f5aa182b68a434109ec841a6962a83f');
INSERT INTO claimledger_v2fixture.events VALUES (5, 'sha256:6ce44b0023cc1e42be0262589654b7f40f5aa182b68a434109ec841a6962a83f', 'claim.added', '2026-12-06T03:14:20.594442Z', 'alice', '{"appears_in":null,"claimant":"src_557af19eb9c829d4","context":"首尔预算听证会","date":null,"provenance":null,"quantities":[],"ref":null,"tags":[],"text":"去年国防开支增长了4.2%。"}', 'sha256:17dbc8fcb2a7f19e6c9b7968606fbe68b0dd99450b4a263591aee7e18fad09cb');
INSERT INTO claimledger_v2fixture.events VALUES (6, 'sha256:17dbc8fcb2a7f19e6c9b7968606fbe68b0dd99450b4a263591aee7e18fad09cb', 'claim.added', '2026-12-06T03:14:20.594799Z', 'alice', '{"appears_in":null,"claimant":"src_557af19eb9c829d4","context":null,"date":null,"provenance":null,"quantities":[],"ref":null,"tags":[],"text":"东京的物价去年上涨了3%。"}', 'sha256:0e9d204b1997b1f1d78b893efc284d72ee97a61da771fdc133474cb70363995f');
INSERT INTO claimledger_v2fixture.events VALUES (7, 'sha256:0e9d204b1997b1f1d78b893efc284d72ee97a61da771fdc133474cb70363995f', 'claim.added', '2026-12-06T03:14:20.595219Z', 'alice', '{"appears_in":null,"claimant":"src_557af19eb9c829d4","context":null,"date":null,"provenance":null,"quantities":[],"ref":null,"tags":[],"text":"東京の物価は昨年3%上昇した。"}', 'sha256:4dea0841f7009a9366e632369a335c4699a8eed3f140d501f70afd5be0d0e86d');
INSERT INTO claimledger_v2fixture.events VALUES (8, 'sha256:4dea0841f7009a9366e632369a335c4699a8eed3f140d501f70afd5be0d0e86d', 'claim.added', '2026-12-06T03:14:20.595777Z', 'alice', '{"appears_in":null,"claimant":"src_557af19eb9c829d4","context":null,"date":null,"provenance":null,"quantities":[{"begin":21,"end":25,"high":null,"low":null,"qualifier":"","text":"3.9%","unit":"percent","value":"3.9"},{"begin":29,"end":38,"high":"20240630","low":"20240601","qualifier":"","text":"June 2024","unit":"date","value":null}],"ref":null,"tags":[],"text":"Unemployment fell to 3.9% in June 2024."}', 'sha256:980b8f99ad97502d9a655c13cc2497609039592970a77d41e5357003e6faeb28');
INSERT INTO claimledger_v2fixture.events VALUES (9, 'sha256:980b8f99ad97502d9a655c13cc2497609039592970a77d41e5357003e6faeb28', 'verdict.set', '2026-12-06T03:14:20.598070Z', 'alice', '{"claim":"clm_6ce44b0023cc1e42","evidence":[],"rating":"mostly-true","rationale":"驻韩美军司令部给出的数字约为28500。"}', 'sha256:5ea0f392bdd4c73334396ea7448899d9754dc23053e272a2f548a8da13622568');
INSERT INTO claimledger_v2fixture.search_totals VALUES ('snapshots', 1, 6);
INSERT INTO claimledger_v2fixture.search_totals VALUES ('claims', 5, 16);
INSERT INTO claimledger_v2fixture.snapshots VALUES ('xxh3-128:77c2d65a42b4c04a416304978ddc4441', 'sha256:ad2b60697ac3d591847b92735587c4fdbb158c632d7ad75efd6c1fca4dcec80b', 119, 'https://wire.example/zh/troops', '驻韩美军', NULL, NULL, NULL, 3, '2026-12-06T03:14:20.587637Z', 'alice');
INSERT INTO claimledger_v2fixture.snapshots_search VALUES (3, '''2'' ''2024年10月21日'' ''去年国防开支增长了4'' ''将军表示'' ''美国在韩国驻扎约28500名士兵'' ''首尔''', true, 6);
INSERT INTO claimledger_v2fixture.sources VALUES ('src_557af19eb9c829d4', '全仁范', 'person', NULL, NULL, NULL, NULL, NULL, '{}', 2, '2026-12-06T03:14:20.582814Z', 'alice');
INSERT INTO claimledger_v2fixture.verdicts VALUES (9, 'clm_6ce44b0023cc1e42', 'mostly-true', '驻韩美军司令部给出的数字约为28500。', '[]', '2026-12-06T03:14:20.598070Z', 'alice', '2026-12-06T03:14:20.598070Z', NULL);
ALTER TABLE ONLY claimledger_v2fixture.appearances
    ADD CONSTRAINT appearances_pkey PRIMARY KEY (claim, snapshot, quote_start);
ALTER TABLE ONLY claimledger_v2fixture.claim_tags
    ADD CONSTRAINT claim_tags_pkey PRIMARY KEY (claim, tag);
ALTER TABLE ONLY claimledger_v2fixture.claims
    ADD CONSTRAINT claims_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v2fixture.claims_search
    ADD CONSTRAINT claims_search_pkey PRIMARY KEY (claim);
ALTER TABLE ONLY claimledger_v2fixture.claims
    ADD CONSTRAINT claims_seq_key UNIQUE (seq);
ALTER TABLE ONLY claimledger_v2fixture.contents
    ADD CONSTRAINT contents_pkey PRIMARY KEY (hash);
ALTER TABLE ONLY claimledger_v2fixture.event_refs
    ADD CONSTRAINT event_refs_pkey PRIMARY KEY (entity, seq);
ALTER TABLE ONLY claimledger_v2fixture.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (seq);
ALTER TABLE ONLY claimledger_v2fixture.evidence
    ADD CONSTRAINT evidence_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v2fixture.search_totals
    ADD CONSTRAINT search_totals_pkey PRIMARY KEY (name);
ALTER TABLE ONLY claimledger_v2fixture.snapshots
    ADD CONSTRAINT snapshots_pkey PRIMARY KEY (hash);
ALTER TABLE ONLY claimledger_v2fixture.snapshots_search
    ADD CONSTRAINT snapshots_search_pkey PRIMARY KEY (snapshot);
ALTER TABLE ONLY claimledger_v2fixture.snapshots
    ADD CONSTRAINT snapshots_seq_key UNIQUE (seq);
ALTER TABLE ONLY claimledger_v2fixture.source_ratings
    ADD CONSTRAINT source_ratings_pkey PRIMARY KEY (seq);
ALTER TABLE ONLY claimledger_v2fixture.sources
    ADD CONSTRAINT sources_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v2fixture.tree_nodes
    ADD CONSTRAINT tree_nodes_pkey PRIMARY KEY (level, idx);
ALTER TABLE ONLY claimledger_v2fixture.verdicts
    ADD CONSTRAINT verdicts_pkey PRIMARY KEY (seq);
CREATE INDEX appearances_snapshot ON claimledger_v2fixture.appearances USING btree (snapshot);
CREATE INDEX claims_claimant ON claimledger_v2fixture.claims USING btree (claimant, rating, year);
CREATE INDEX claims_ref ON claimledger_v2fixture.claims USING btree (ref) WHERE (ref IS NOT NULL);
CREATE INDEX claims_search_buckets ON claimledger_v2fixture.claims_search USING gin (buckets);
CREATE INDEX claims_search_some_terms ON claimledger_v2fixture.claims_search USING btree (claim) WHERE (NOT all_terms);
CREATE INDEX claims_search_terms ON claimledger_v2fixture.claims_search USING gin (terms);
CREATE INDEX events_at ON claimledger_v2fixture.events USING btree (at);
CREATE INDEX events_hash_prefix ON claimledger_v2fixture.events USING btree (substr(hash, 8, 16));
CREATE INDEX evidence_claim ON claimledger_v2fixture.evidence USING btree (claim);
CREATE INDEX evidence_snapshot ON claimledger_v2fixture.evidence USING btree (snapshot);
CREATE INDEX snapshots_search_terms ON claimledger_v2fixture.snapshots_search USING gin (terms);
CREATE INDEX source_ratings_source ON claimledger_v2fixture.source_ratings USING btree (source, seq);
CREATE INDEX sources_ref ON claimledger_v2fixture.sources USING btree (ref) WHERE (ref IS NOT NULL);
CREATE INDEX verdicts_claim ON claimledger_v2fixture.verdicts USING btree (claim, made_at, seq);
CREATE TRIGGER contents_append_only BEFORE DELETE OR UPDATE ON claimledger_v2fixture.contents FOR EACH ROW EXECUTE FUNCTION claimledger_v2fixture.refuse_change();
CREATE TRIGGER contents_no_truncate BEFORE TRUNCATE ON claimledger_v2fixture.contents FOR EACH STATEMENT EXECUTE FUNCTION claimledger_v2fixture.refuse_change();
CREATE TRIGGER events_append_only BEFORE DELETE OR UPDATE ON claimledger_v2fixture.events FOR EACH ROW EXECUTE FUNCTION claimledger_v2fixture.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON claimledger_v2fixture.events FOR EACH STATEMENT EXECUTE FUNCTION claimledger_v2fixture.refuse_change();
