-- Parsing macros of the import (sdm_analytics/validate.py installs them per connection).
-- Values as admins write them: day-first dates, Excel serials, decimal commas,
-- IDR thousands, NIPs with spaces, golongan in any spelling. Each returns NULL
-- when the text cannot be read, and a rule then reports the cell.
CREATE OR REPLACE TEMP MACRO sdm_clean(x) AS
    nullif(trim(CAST(x AS VARCHAR), ' ' || chr(9) || chr(10) || chr(13) || chr(160) || chr(65279)), '');
CREATE OR REPLACE TEMP MACRO sdm_key(x) AS lower(regexp_replace(x, '[^A-Za-z0-9]+', '', 'g'));
CREATE OR REPLACE TEMP MACRO sdm_slug(x) AS trim(lower(regexp_replace(x, '[^A-Za-z0-9]+', '_', 'g')), '_');
CREATE OR REPLACE TEMP MACRO sdm_nip(x) AS regexp_replace(x, '[\s\x{00A0}''.\-]', '', 'g');
CREATE OR REPLACE TEMP MACRO sdm_date_ok(d) AS
    CASE WHEN d BETWEEN DATE '1900-01-01' AND DATE '2100-12-31' THEN d END;
-- The latest date a file may hold: 31 December of next year (a plan or a programme may be set a year ahead).
CREATE OR REPLACE TEMP MACRO sdm_latest() AS make_date(CAST(year(current_date) AS INTEGER) + 1, 12, 31);
CREATE OR REPLACE TEMP MACRO sdm_month(m) AS coalesce(
    list_position(['jan', 'feb', 'mar', 'apr', 'mei', 'jun', 'jul', 'agu', 'sep', 'okt', 'nov', 'des'], m),
    list_position(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], m));
CREATE OR REPLACE TEMP MACRO sdm_date(x) AS sdm_date_ok(CASE
    WHEN regexp_matches(x, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$')
        THEN CAST(try_strptime(regexp_extract(x, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'), '%Y-%m-%d') AS DATE)
    WHEN regexp_matches(x, '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$')
        THEN CAST(try_strptime(x, '%Y/%m/%d') AS DATE)
    WHEN regexp_matches(x, '^[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}( [0-9]{1,2}[:.][0-9]{2}([:.][0-9]{2})?)?$')
        THEN CAST(try_strptime(regexp_replace(regexp_extract(x, '^[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}'),
                                              '[.\-]', '/', 'g'), '%d/%m/%Y') AS DATE)
    WHEN regexp_matches(x, '^[0-9]{1,2}[ \-][A-Za-z]{3,9}[ \-][0-9]{4}$')
        THEN CAST(try_strptime(regexp_extract(x, '([0-9]{4})$', 1) || '-'
                               || sdm_month(lower(left(regexp_extract(x, '([A-Za-z]+)', 1), 3))) || '-'
                               || regexp_extract(x, '^([0-9]{1,2})', 1), '%Y-%m-%d') AS DATE)
    WHEN regexp_matches(x, '^[0-9]{5}(\.0+)?$')
        THEN DATE '1899-12-30' + CAST(floor(CAST(x AS DOUBLE)) AS INTEGER)
END);
CREATE OR REPLACE TEMP MACRO sdm_secs2(h, m, s, ap) AS CASE
    WHEN h < 24 AND m < 60 AND s < 60 AND NOT (ap <> '' AND (h > 12 OR h = 0))
        THEN (CASE WHEN ap = 'p' AND h < 12 THEN h + 12 WHEN ap = 'a' AND h = 12 THEN 0 ELSE h END) * 3600
             + m * 60 + s
END;
CREATE OR REPLACE TEMP MACRO sdm_secs(t) AS CASE
    WHEN t = '' THEN 0
    WHEN regexp_matches(t, '^[0-9]{1,2}[:.][0-9]{2}([:.][0-9]{2}(\.[0-9]+)?)?\s*([AaPp]\.?[Mm]\.?)?\s*((GMT|UTC|WIB)\s*)?([+\-][0-9]{1,2}(:?[0-9]{2})?)?$')
        THEN sdm_secs2(CAST(regexp_extract(t, '^([0-9]{1,2})', 1) AS INTEGER),
                       CAST(regexp_extract(t, '^[0-9]{1,2}[:.]([0-9]{2})', 1) AS INTEGER),
                       coalesce(TRY_CAST(regexp_extract(t, '^[0-9]{1,2}[:.][0-9]{2}[:.]([0-9]{2}(\.[0-9]+)?)', 1)
                                         AS DOUBLE), 0),
                       lower(regexp_extract(t, '([AaPp])\.?[Mm]', 1)))
END;
CREATE OR REPLACE TEMP MACRO sdm_ts(x) AS CASE
    WHEN regexp_matches(x, '^[0-9]{5}(\.[0-9]+)?$')
        THEN CAST(DATE '1899-12-30' AS TIMESTAMP) + to_seconds(round(CAST(x AS DOUBLE) * 86400))
    ELSE CAST(sdm_date(regexp_extract(x, '^([0-9]{1,4}[/.\-][0-9]{1,2}[/.\-][0-9]{1,4})', 1)) AS TIMESTAMP)
         + to_seconds(sdm_secs(trim(regexp_replace(x, '^[0-9]{1,4}[/.\-][0-9]{1,2}[/.\-][0-9]{1,4}T?', ''))))
END;
CREATE OR REPLACE TEMP MACRO sdm_num0(v, mode) AS CASE
    WHEN regexp_matches(v, '^[+\-]?[0-9]+$') THEN CAST(v AS DOUBLE)
    WHEN mode = 'comma' AND regexp_matches(v, '^[+\-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$')
        THEN CAST(replace(replace(v, '.', ''), ',', '.') AS DOUBLE)
    WHEN mode <> 'dot' AND regexp_matches(v, '^[+\-]?[0-9]*,[0-9]+$') THEN CAST(replace(v, ',', '.') AS DOUBLE)
    WHEN mode = 'dot' AND regexp_matches(v, '^[+\-]?[0-9]*,[0-9]{1,2}$') THEN CAST(replace(v, ',', '.') AS DOUBLE)
    WHEN regexp_matches(v, '^[+\-]?[0-9]*\.[0-9]+$') THEN CAST(v AS DOUBLE)
    WHEN regexp_matches(v, '^[+\-]?[0-9]+([.,][0-9]+)?[eE][+\-]?[0-9]+$') THEN TRY_CAST(replace(v, ',', '.') AS DOUBLE)
END;
CREATE OR REPLACE TEMP MACRO sdm_num(x, mode) AS sdm_num0(regexp_replace(x, '[\s\x{00A0}%]', '', 'g'), mode);
CREATE OR REPLACE TEMP MACRO sdm_money0(v, mode) AS CASE
    WHEN regexp_matches(v, '^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]{1,2})?$')
        THEN CAST(replace(replace(v, '.', ''), ',', '.') AS DOUBLE)
    WHEN regexp_matches(v, '^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{1,2})?$') THEN CAST(replace(v, ',', '') AS DOUBLE)
    ELSE sdm_num0(v, mode)
END;
CREATE OR REPLACE TEMP MACRO sdm_money(x, mode) AS
    sdm_money0(regexp_replace(upper(x), '^(RP\.?|IDR)|[\s\x{00A0}]|[,.]-$', '', 'g'), mode);
CREATE OR REPLACE TEMP MACRO sdm_int(x, mode) AS
    CASE WHEN sdm_num(x, mode) = floor(sdm_num(x, mode)) AND abs(sdm_num(x, mode)) < 2e9
         THEN CAST(sdm_num(x, mode) AS INTEGER) END;
CREATE OR REPLACE TEMP MACRO sdm_roman(s) AS CASE
    WHEN regexp_matches(s, '^[0-9]+$')
        THEN ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV',
              'XVI', 'XVII'][CAST(s AS INTEGER)]
    ELSE s
END;
CREATE OR REPLACE TEMP MACRO sdm_rank0(u) AS CASE
    WHEN regexp_matches(u, '(^|[^A-Z0-9])(IV|III|II|I|[1-4])\s*[/.\-]?\s*([A-E])[^A-Z0-9]*$')
        THEN sdm_roman(regexp_extract(u, '(^|[^A-Z0-9])(IV|III|II|I|[1-4])\s*[/.\-]?\s*([A-E])[^A-Z0-9]*$', 2))
             || '/' || lower(regexp_extract(u, '(^|[^A-Z0-9])(IV|III|II|I|[1-4])\s*[/.\-]?\s*([A-E])[^A-Z0-9]*$', 3))
    WHEN regexp_matches(u, '(^|[^A-Z0-9])(XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|1[0-7]|[1-9])[^A-Z0-9]*$')
        THEN sdm_roman(regexp_extract(u, '(^|[^A-Z0-9])(XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|1[0-7]|[1-9])[^A-Z0-9]*$', 2))
END;
CREATE OR REPLACE TEMP MACRO sdm_rank(x) AS sdm_rank0(upper(x));
CREATE OR REPLACE TEMP MACRO sdm_nipdate(nip) AS CASE
    WHEN regexp_matches(nip, '^[0-9]{18}$')
        THEN sdm_date_ok(CAST(try_strptime(left(nip, 8), '%Y%m%d') AS DATE))
END;
CREATE OR REPLACE TEMP MACRO sdm_ym_ok(s) AS
    coalesce(TRY_CAST(left(s, 4) AS INTEGER) BETWEEN 1940 AND 2100
             AND TRY_CAST(right(s, 2) AS INTEGER) BETWEEN 1 AND 12, false);
-- A training history's "jenis diklat" that no alias names, guessed from its words (a compact key, sdm_key):
-- Diklatpim Tk. IV, PKA Angkatan 3, Seminar/Workshop Nasional, ... ; NULL when nothing fits (then lainnya).
CREATE OR REPLACE TEMP MACRO sdm_category(k) AS CASE
    WHEN regexp_matches(k, '(latsar|prajabatan|pelatihandasar)') THEN 'latsar'
    WHEN regexp_matches(k, '(struktural|diklatpim|kepemimpinan|^pim|^pk[apn]([^a-z]|$|angkatan|tingkat))')
        THEN 'kepemimpinan'
    WHEN regexp_matches(k, 'fungsional') THEN 'fungsional'
    WHEN regexp_matches(k, '(teknis|bimtek)') THEN 'teknis'
    WHEN regexp_matches(k, '(seminar|workshop|lokakarya|webinar|konferensi|simposium|sarasehan)') THEN 'seminar'
    WHEN regexp_matches(k, 'kursus') THEN 'kursus'
END;
