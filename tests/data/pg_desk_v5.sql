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
CREATE SCHEMA claimledger_v5fixture;
CREATE FUNCTION claimledger_v5fixture.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' THEN
    IF TG_TABLE_NAME = 'events' THEN
      IF OLD.seq = 1 AND NOT EXISTS (SELECT 1 FROM "claimledger_v5fixture".events WHERE seq <> 1) THEN
        RETURN OLD;
      END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM "claimledger_v5fixture".events) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'the % of a claimledger desk are append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'CL001';
END
$$;
SET default_tablespace = '';
SET default_table_access_method = heap;
CREATE TABLE claimledger_v5fixture.appearances (
    claim text NOT NULL COLLATE pg_catalog."C",
    snapshot text NOT NULL COLLATE pg_catalog."C",
    exact text NOT NULL COLLATE pg_catalog."C",
    prefix text NOT NULL COLLATE pg_catalog."C",
    suffix text NOT NULL COLLATE pg_catalog."C",
    quote_start bigint NOT NULL,
    quote_end bigint NOT NULL
);
CREATE TABLE claimledger_v5fixture.claim_tags (
    claim text NOT NULL COLLATE pg_catalog."C",
    tag text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v5fixture.claim_terms (
    term text NOT NULL COLLATE pg_catalog."C",
    claims bigint NOT NULL
);
CREATE TABLE claimledger_v5fixture.claims (
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
CREATE TABLE claimledger_v5fixture.claims_search (
    claim bigint NOT NULL,
    terms tsvector NOT NULL,
    all_terms boolean NOT NULL,
    length bigint NOT NULL,
    buckets bigint[] NOT NULL
);
CREATE TABLE claimledger_v5fixture.contents (
    hash text NOT NULL COLLATE pg_catalog."C",
    bytes bytea NOT NULL
);
CREATE TABLE claimledger_v5fixture.desk (
    version integer NOT NULL,
    created_at text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v5fixture.event_refs (
    entity text NOT NULL COLLATE pg_catalog."C",
    seq bigint NOT NULL
);
CREATE TABLE claimledger_v5fixture.events (
    seq bigint NOT NULL,
    prev text NOT NULL COLLATE pg_catalog."C",
    type text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C",
    data text NOT NULL COLLATE pg_catalog."C",
    hash text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v5fixture.evidence (
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
CREATE TABLE claimledger_v5fixture.search_totals (
    name text NOT NULL COLLATE pg_catalog."C",
    rows bigint NOT NULL,
    tokens bigint NOT NULL
);
CREATE TABLE claimledger_v5fixture.snapshots (
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
CREATE TABLE claimledger_v5fixture.snapshots_search (
    snapshot bigint NOT NULL,
    terms tsvector NOT NULL,
    all_terms boolean NOT NULL,
    length bigint NOT NULL
);
CREATE TABLE claimledger_v5fixture.source_ratings (
    seq bigint NOT NULL,
    source text NOT NULL COLLATE pg_catalog."C",
    grade text NOT NULL COLLATE pg_catalog."C",
    rationale text NOT NULL COLLATE pg_catalog."C",
    at text NOT NULL COLLATE pg_catalog."C",
    actor text NOT NULL COLLATE pg_catalog."C"
);
CREATE TABLE claimledger_v5fixture.sources (
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
CREATE TABLE claimledger_v5fixture.tree_nodes (
    level integer NOT NULL,
    idx bigint NOT NULL,
    hash bytea NOT NULL
);
CREATE TABLE claimledger_v5fixture.verdicts (
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
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('rice', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('briefing', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('troops', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('are', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('4', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('south', 2);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('press', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('double', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('will', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('about', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('stationed', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('korea', 3);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('american', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('in', 2);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('year', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('28', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('joint', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('500', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('seoul', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('drills', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('next', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('defence', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('prices', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('2', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('budget', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('doubled', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('grew', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('last', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('s', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('spring', 1);
INSERT INTO claimledger_v5fixture.claim_terms VALUES ('2024', 1);
INSERT INTO claimledger_v5fixture.claims VALUES ('clm_3e66c4597b78d1ce', 'Joint drills will double next spring.', 'src_629bae5d5bb7cd6a', 'new', NULL, NULL, 'Seoul briefing', NULL, '2026-12-08T01:34:37.180330Z', 5, '2026-12-08T01:34:37.180330Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v5fixture.claims VALUES ('clm_90fb42ecc51dc2f1', 'South Korea''s defence budget grew 4.2% last year.', 'src_629bae5d5bb7cd6a', 'new', NULL, NULL, NULL, NULL, '2026-12-08T01:34:37.180614Z', 6, '2026-12-08T01:34:37.180614Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v5fixture.claims VALUES ('clm_f1b997bdc2caeb1e', 'Rice prices in Korea doubled in 2024.', 'src_629bae5d5bb7cd6a', 'new', NULL, NULL, NULL, NULL, '2026-12-08T01:34:37.180843Z', 7, '2026-12-08T01:34:37.180843Z', 'alice', 2026, NULL);
INSERT INTO claimledger_v5fixture.claims VALUES ('clm_4e3d95eb44ede4ff', 'About 28,500 American troops are stationed in South Korea.', 'src_629bae5d5bb7cd6a', 'new', 'mostly-true', NULL, 'Press', NULL, '2026-12-08T01:34:37.179969Z', 4, '2026-12-08T01:34:37.179969Z', 'alice', 2026, 8);
INSERT INTO claimledger_v5fixture.claims_search VALUES (4, '''28'' ''500'' ''about'' ''american'' ''are'' ''in'' ''korea'' ''press'' ''south'' ''stationed'' ''troops''', true, 11, '{-9123237681970633477,-8215519083334310936,-6078473857949370018,-3690386225676145147,-1686059293024487352,-1331976808257793137,664299211456908206,1945992171365670176,2345694558403496200,3517304922798777178,4342715831273715334,4430976705515268621,5405918192649929865,5560556199685351053,7647956414937680714,8679771243417419730}');
INSERT INTO claimledger_v5fixture.claims_search VALUES (5, '''briefing'' ''double'' ''drills'' ''joint'' ''next'' ''seoul'' ''spring'' ''will''', true, 8, '{-8889525747930969782,-7207011566335419570,-5523483043896346946,-5032770667879795197,-4582611428925246458,-4548176677247719822,-2779980410333475904,-2321085216863002097,-987868812699604275,438559080233754162,1079082138216646521,1499355442065278596,2070256331054204630,4069268213354829113,4629704678585195123,4681557522277938202}');
INSERT INTO claimledger_v5fixture.claims_search VALUES (6, '''2'' ''4'' ''budget'' ''defence'' ''grew'' ''korea'' ''last'' ''s'' ''south'' ''year''', true, 10, '{-8502769573762001138,-8215519083334310936,-8152652988412860281,-8149652871547899686,-5974541161909979299,-5175282191003978020,-4765649019004203808,-4208458196943345703,-3668094913864181819,2208642179752854158,3453091796266846110,4117370568929603886,4940383673379283366,5610109895072806061,6897635307769682166,8352081902428007272}');
INSERT INTO claimledger_v5fixture.claims_search VALUES (7, '''2024'' ''doubled'' ''in'' ''korea'' ''prices'' ''rice''', true, 7, '{-9144406512813615325,-6434372876890863715,-5478161556758887992,-5292118807471425742,-3947901078422764161,-3726917416994730018,-3443418625370603938,-3132300264830388452,-700783162783479195,-576231120864251790,1907723897222657663,3155662804084788589,3509376777913665737,3530376820517843459,4004933931619363040,7307235574346875931}');
INSERT INTO claimledger_v5fixture.contents VALUES ('xxh3-128:59a0234c27c14673b0666583cff8b0cb', '\x53656f756c2c203231204f63746f62657220323032342e205468652067656e6572616c20746f6c64207265706f727465727320746861742061626f75742032382c35303020416d65726963616e2074726f6f7073206172652073746174696f6e656420696e20536f757468204b6f7265612c20616e6420746861742074686520616c6c69616e63652773206a6f696e74206472696c6c732077696c6c20646f75626c65206e65787420737072696e672e');
INSERT INTO claimledger_v5fixture.desk VALUES (5, '2026-12-08 01:34:37.118984+00');
INSERT INTO claimledger_v5fixture.event_refs VALUES ('src_629bae5d5bb7cd6a', 2);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('xxh3-128:59a0234c27c14673b0666583cff8b0cb', 3);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('clm_4e3d95eb44ede4ff', 4);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('src_629bae5d5bb7cd6a', 4);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('clm_3e66c4597b78d1ce', 5);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('src_629bae5d5bb7cd6a', 5);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('clm_90fb42ecc51dc2f1', 6);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('src_629bae5d5bb7cd6a', 6);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('clm_f1b997bdc2caeb1e', 7);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('src_629bae5d5bb7cd6a', 7);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('clm_4e3d95eb44ede4ff', 8);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('clm_f1b997bdc2caeb1e', 9);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('src_629bae5d5bb7cd6a', 9);
INSERT INTO claimledger_v5fixture.event_refs VALUES ('claim.corrected', 9);
INSERT INTO claimledger_v5fixture.events VALUES (1, 'sha256:0000000000000000000000000000000000000000000000000000000000000000', 'ledger.created', '2026-12-08T01:34:37.170180Z', 'alice', '{"format":"claimledger","nonce":"c08b61e99f44e1702c3745714ac04a0c","scale":{"name":"default","ratings":[{"label":"true","rank":0},{"label":"mostly-true","rank":1},{"label":"mixed","rank":2},{"label":"mostly-false","rank":3},{"label":"false","rank":4},{"label":"unproven","rank":null},{"label":"misleading","rank":null}]},"version":1}', 'sha256:9da7111cc362c1fc064516022bd4d8b48e4ba6a4fd38a5981f43a3768f67bc2d');
INSERT INTO claimledger_v5fixture.events VALUES (2, 'sha256:9da7111cc362c1fc064516022bd4d8b48e4ba6a4fd38a5981f43a3768f67bc2d', 'source.added', '2026-12-08T01:34:37.173026Z', 'alice', '{"affiliation":null,"attributes":{},"kind":"person","name":"The general","ref":null,"url":null}', 'sha256:629bae5d5bb7cd6ac706cce3151f2f091fac1e7305e0c4257f5a095e444671a2');
INSERT INTO claimledger_v5fixture.events VALUES (3, 'sha256:629bae5d5bb7cd6ac706cce3151f2f091fac1e7305e0c4257f5a095e444671a2', 'snapshot.added', '2026-12-08T01:34:37.176381Z', 'alice', '{"hash":"xxh3-128:59a0234c27c14673b0666583cff8b0cb","published":null,"publisher":null,"retrieved":null,"sha256":"sha256:cd946f1a60ad76217b7c4043c1ca58e68eb0dd066fad09cb2ec945854b8f3db2","size":176,"title":"Troops in Korea","url":"https://wire.example/troops"}', 'sha256:630332aec6ef9b697081dc02f45971f31431e1109095499a6f57bcd99ece0267');
INSERT INTO claimledger_v5fixture.events VALUES (4, 'sha256:630332aec6ef9b697081dc02f45971f31431e1109095499a6f57bcd99ece0267', 'claim.added', '2026-12-08T01:34:37.179969Z', 'alice', '{"appears_in":null,"claimant":"src_629bae5d5bb7cd6a","context":"Press","date":null,"provenance":null,"quantities":[{"begin":0,"end":28,"high":null,"low":null,"qualifier":"about","text":"About 28,500 American troops","unit":"troops","value":"28500"}],"ref":null,"tags":[],"text":"About 28,500 American troops are stationed in South Korea."}', 'sha256:4e3d95eb44ede4ff2cc525280f15bc23eed724d4c18b94fd783bf96f111c9da0');
INSERT INTO claimledger_v5fixture.events VALUES (5, 'sha256:4e3d95eb44ede4ff2cc525280f15bc23eed724d4c18b94fd783bf96f111c9da0', 'claim.added', '2026-12-08T01:34:37.180330Z', 'alice', '{"appears_in":null,"claimant":"src_629bae5d5bb7cd6a","context":"Seoul briefing","date":null,"provenance":null,"quantities":[],"ref":null,"tags":[],"text":"Joint drills will double next spring."}', 'sha256:3e66c4597b78d1ce981df7fdbb04c624c6e3f5984b90d1a3bd0f9c2134fbfdba');
INSERT INTO claimledger_v5fixture.events VALUES (6, 'sha256:3e66c4597b78d1ce981df7fdbb04c624c6e3f5984b90d1a3bd0f9c2134fbfdba', 'claim.added', '2026-12-08T01:34:37.180614Z', 'alice', '{"appears_in":null,"claimant":"src_629bae5d5bb7cd6a","context":null,"date":null,"provenance":null,"quantities":[{"begin":34,"end":38,"high":null,"low":null,"qualifier":"","text":"4.2%","unit":"percent","value":"4.2"}],"ref":null,"tags":[],"text":"South Korea''s defence budget grew 4.2% last year."}', 'sha256:90fb42ecc51dc2f1dbc0b172f8443e1b7b6614f543aac08d7cb574e55bdfce89');
INSERT INTO claimledger_v5fixture.events VALUES (7, 'sha256:90fb42ecc51dc2f1dbc0b172f8443e1b7b6614f543aac08d7cb574e55bdfce89', 'claim.added', '2026-12-08T01:34:37.180843Z', 'alice', '{"appears_in":null,"claimant":"src_629bae5d5bb7cd6a","context":null,"date":null,"provenance":null,"quantities":[{"begin":32,"end":36,"high":null,"low":null,"qualifier":"","text":"2024","unit":"year","value":"2024"}],"ref":null,"tags":[],"text":"Rice prices in Korea doubled in 2024."}', 'sha256:f1b997bdc2caeb1e8e5cd10f4eebce6f5bc472a2c8f2ff25e6e2d7dd32d171b4');
INSERT INTO claimledger_v5fixture.events VALUES (8, 'sha256:f1b997bdc2caeb1e8e5cd10f4eebce6f5bc472a2c8f2ff25e6e2d7dd32d171b4', 'verdict.set', '2026-12-08T01:34:37.185222Z', 'alice', '{"claim":"clm_4e3d95eb44ede4ff","evidence":[],"rating":"mostly-true","rationale":"The command gives about 28,500."}', 'sha256:8c1ab32da27ca5226b09286e586d57848927e163f3e268de61d8fb49df597524');
INSERT INTO claimledger_v5fixture.events VALUES (9, 'sha256:8c1ab32da27ca5226b09286e586d57848927e163f3e268de61d8fb49df597524', 'claim.corrected', '2026-12-08T01:34:37.187356Z', 'alice', '{"claim":"clm_f1b997bdc2caeb1e","claimant":"src_629bae5d5bb7cd6a","from":{"claimant":"src_629bae5d5bb7cd6a","text":"Rice prices in Korea doubled in 2024."},"quantities":[{"begin":29,"end":33,"high":null,"low":null,"qualifier":"","text":"half","unit":"fraction","value":"0.5"},{"begin":37,"end":41,"high":null,"low":null,"qualifier":"","text":"2024","unit":"year","value":"2024"}],"reason":"typo","text":"Rice prices in Korea rose by half in 2024."}', 'sha256:6ff2296b449224f3c07490fc5cea64270e1b9c7b58caa2421826caba23ad7ec3');
INSERT INTO claimledger_v5fixture.search_totals VALUES ('snapshots', 1, 30);
INSERT INTO claimledger_v5fixture.search_totals VALUES ('claims', 4, 36);
INSERT INTO claimledger_v5fixture.snapshots VALUES ('xxh3-128:59a0234c27c14673b0666583cff8b0cb', 'sha256:cd946f1a60ad76217b7c4043c1ca58e68eb0dd066fad09cb2ec945854b8f3db2', 176, 'https://wire.example/troops', 'Troops in Korea', NULL, NULL, NULL, 3, '2026-12-08T01:34:37.176381Z', 'alice');
INSERT INTO claimledger_v5fixture.snapshots_search VALUES (3, '''2024'' ''21'' ''28'' ''500'' ''about'' ''alliance'' ''american'' ''and'' ''are'' ''double'' ''drills'' ''general'' ''in'' ''joint'' ''korea'' ''next'' ''october'' ''reporters'' ''s'' ''seoul'' ''south'' ''spring'' ''stationed'' ''that'' ''the'' ''told'' ''troops'' ''will''', true, 30);
INSERT INTO claimledger_v5fixture.sources VALUES ('src_629bae5d5bb7cd6a', 'The general', 'person', NULL, NULL, NULL, NULL, NULL, '{}', 2, '2026-12-08T01:34:37.173026Z', 'alice');
INSERT INTO claimledger_v5fixture.verdicts VALUES (8, 'clm_4e3d95eb44ede4ff', 'mostly-true', 'The command gives about 28,500.', '[]', '2026-12-08T01:34:37.185222Z', 'alice', '2026-12-08T01:34:37.185222Z', NULL);
ALTER TABLE ONLY claimledger_v5fixture.appearances
    ADD CONSTRAINT appearances_pkey PRIMARY KEY (claim, snapshot, quote_start);
ALTER TABLE ONLY claimledger_v5fixture.claim_tags
    ADD CONSTRAINT claim_tags_pkey PRIMARY KEY (claim, tag);
ALTER TABLE ONLY claimledger_v5fixture.claim_terms
    ADD CONSTRAINT claim_terms_pkey PRIMARY KEY (term);
ALTER TABLE ONLY claimledger_v5fixture.claims
    ADD CONSTRAINT claims_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v5fixture.claims_search
    ADD CONSTRAINT claims_search_pkey PRIMARY KEY (claim);
ALTER TABLE ONLY claimledger_v5fixture.claims
    ADD CONSTRAINT claims_seq_key UNIQUE (seq);
ALTER TABLE ONLY claimledger_v5fixture.contents
    ADD CONSTRAINT contents_pkey PRIMARY KEY (hash);
ALTER TABLE ONLY claimledger_v5fixture.event_refs
    ADD CONSTRAINT event_refs_pkey PRIMARY KEY (entity, seq);
ALTER TABLE ONLY claimledger_v5fixture.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (seq);
ALTER TABLE ONLY claimledger_v5fixture.evidence
    ADD CONSTRAINT evidence_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v5fixture.search_totals
    ADD CONSTRAINT search_totals_pkey PRIMARY KEY (name);
ALTER TABLE ONLY claimledger_v5fixture.snapshots
    ADD CONSTRAINT snapshots_pkey PRIMARY KEY (hash);
ALTER TABLE ONLY claimledger_v5fixture.snapshots_search
    ADD CONSTRAINT snapshots_search_pkey PRIMARY KEY (snapshot);
ALTER TABLE ONLY claimledger_v5fixture.snapshots
    ADD CONSTRAINT snapshots_seq_key UNIQUE (seq);
ALTER TABLE ONLY claimledger_v5fixture.source_ratings
    ADD CONSTRAINT source_ratings_pkey PRIMARY KEY (seq);
ALTER TABLE ONLY claimledger_v5fixture.sources
    ADD CONSTRAINT sources_pkey PRIMARY KEY (id);
ALTER TABLE ONLY claimledger_v5fixture.tree_nodes
    ADD CONSTRAINT tree_nodes_pkey PRIMARY KEY (level, idx);
ALTER TABLE ONLY claimledger_v5fixture.verdicts
    ADD CONSTRAINT verdicts_pkey PRIMARY KEY (seq);
CREATE INDEX appearances_snapshot ON claimledger_v5fixture.appearances USING btree (snapshot);
CREATE INDEX claims_claimant ON claimledger_v5fixture.claims USING btree (claimant, rating, year);
CREATE INDEX claims_ref ON claimledger_v5fixture.claims USING btree (ref) WHERE (ref IS NOT NULL);
CREATE INDEX claims_search_buckets ON claimledger_v5fixture.claims_search USING gin (buckets);
CREATE INDEX claims_search_some_terms ON claimledger_v5fixture.claims_search USING btree (claim) WHERE (NOT all_terms);
CREATE INDEX claims_search_terms ON claimledger_v5fixture.claims_search USING gin (terms);
CREATE INDEX events_at ON claimledger_v5fixture.events USING btree (at);
CREATE INDEX evidence_claim ON claimledger_v5fixture.evidence USING btree (claim);
CREATE INDEX evidence_snapshot ON claimledger_v5fixture.evidence USING btree (snapshot);
CREATE INDEX snapshots_search_terms ON claimledger_v5fixture.snapshots_search USING gin (terms);
CREATE INDEX source_ratings_source ON claimledger_v5fixture.source_ratings USING btree (source, seq);
CREATE INDEX sources_ref ON claimledger_v5fixture.sources USING btree (ref) WHERE (ref IS NOT NULL);
CREATE INDEX verdicts_claim ON claimledger_v5fixture.verdicts USING btree (claim, made_at, seq);
CREATE TRIGGER contents_append_only BEFORE DELETE OR UPDATE ON claimledger_v5fixture.contents FOR EACH ROW EXECUTE FUNCTION claimledger_v5fixture.refuse_change();
CREATE TRIGGER contents_no_truncate BEFORE TRUNCATE ON claimledger_v5fixture.contents FOR EACH STATEMENT EXECUTE FUNCTION claimledger_v5fixture.refuse_change();
CREATE TRIGGER events_append_only BEFORE DELETE OR UPDATE ON claimledger_v5fixture.events FOR EACH ROW EXECUTE FUNCTION claimledger_v5fixture.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON claimledger_v5fixture.events FOR EACH STATEMENT EXECUTE FUNCTION claimledger_v5fixture.refuse_change();
