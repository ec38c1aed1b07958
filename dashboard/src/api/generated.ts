// Generated from the query service's OpenAPI document (/openapi.yml) by `npm run api:types`.
// Do not edit: change the controller's answer record, compile the query service, regenerate.
// query-service's build fails while this file differs from what the document generates.

export interface paths {
  '/alerts': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List alerts
     * @description Most recently active first; from/to select alerts active in the range.
     */
    get: operations['listAlerts']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/alerts/stream': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Live alerts (Server-Sent Events)
     * @description Same filters as the list. One 'alert' event each time an alert is created or changes (new count, last_seen or status); 'heartbeat' comments while idle. From a browser, open it with ?access_token= set to a ticket of POST /streams/tickets.
     */
    get: operations['streamAlerts']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/alerts/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * One alert
     * @description 404 when it does not exist or is outside the caller's hosts.
     */
    get: operations['getAlert']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /**
     * Change an alert's status
     * @description open → acknowledged → closed, or back to open; who and when are recorded, with the note, in the alert's history. 409 for a change that is not allowed.
     */
    patch: operations['changeAlertStatus']
    trace?: never
  }
  '/alerts/{id}/history': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * An alert's status changes
     * @description Oldest first: user, timestamp, from_status, to_status, note.
     */
    get: operations['alertHistory']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/dlq': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Dead letters
     * @description reason, topic, partition, offset, time (= timestamp), raw, raw_encoding (utf-8, or base64 when the bytes were not UTF-8; +truncated past 64 KiB).
     */
    get: operations['listDeadLetters']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/health': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['health']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/login': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Log in
     * @description Exchanges a user name and password for a bearer token (HS256 JWT).
     */
    post: operations['login']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/logs': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List logs
     * @description Newest first, with the exact total. Read past 10,000 hits (and stably while new logs arrive) with 'after' set to the previous page's 'next'.
     */
    get: operations['listLogs']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/logs/stream': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Live logs (Server-Sent Events)
     * @description Same filters as the list. One 'log' event per new document (data: the item; id: its position, for Last-Event-ID), 'heartbeat' comments while idle. From a browser (EventSource cannot send headers), open it with ?access_token= set to a ticket of POST /streams/tickets.
     */
    get: operations['streamLogs']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/logs/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * One log
     * @description 404 when it does not exist or is outside the caller's hosts.
     */
    get: operations['getLog']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/me': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get: operations['me']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/metrics/summary': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Metrics summary
     * @description Averages, maxima and a series over the 1m or 1h rollups; never scans raw logs.
     */
    get: operations['metricsSummary']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/notifications': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Alert notifications and dead letters
     * @description Newest first. Each: channel, channel_type, alert_id, action (trigger/resolve), status (pending, sending, retry, delivered, dead, skipped), attempts, not_before, delivered_at, http_status, last_error, reason.
     */
    get: operations['listNotifications']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/notifications/channels': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Configured notification channels
     * @description Route, quiet hours, rate limit, grouping and target of each channel; secrets masked, with where they come from.
     */
    get: operations['listNotificationChannels']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/rules': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Loaded rules
     * @description id, title, kind, severity, tags, enabled, ... with alert_count and hit_count (sum of the alerts' count), ordered by id.
     */
    get: operations['listRules']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/rules/backtest': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Backtest the current rules
     * @description Runs ./vigil rules backtest over the events stored from `from` to `to` (default the last hour, at most 7 days): {from, to, events, alerts: [...], by_rule}. Nothing is written to the alerts index. Protected fields are read only for the roles that see them in clear.
     */
    post: operations['backtestRules']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/rules/deploy': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Deploy the current rules
     * @description Runs ./vigil rules deploy: validates the rules, runs their tests, stops the job with a savepoint and resubmits it with the rules. 200 with {ok, exit_code, output} when the new job runs, 422 with the same body when it did not deploy (the old job keeps running unless the output says otherwise).
     */
    post: operations['deployRules']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/streams/tickets': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * A ticket for one live stream
     * @description Single use, valid for 30 s. Open the stream with ?access_token=TICKET (EventSource cannot send headers; a bearer token in a URL is refused). Reconnecting needs a new ticket; pass the last event's id as ?last_event_id= to resume.
     */
    post: operations['streamTicket']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    /** @description An alert: a rule that fired for a group, with the events that matched. */
    Alert: {
      id: string
      rule_id: string
      title: string
      description?: string | null
      /** @description protected values shown in clear or masked, as the caller may see them */
      summary?: string | null
      severity: components['schemas']['Severity']
      tags: string[]
      /** @description the host of the first evidence */
      host: string
      /** @description every host among the evidence; missing in alerts stored before it existed */
      hosts?: string[] | null
      group_key: string
      /** @description ISO-8601, UTC */
      first_seen: string
      /** @description ISO-8601, UTC */
      last_seen: string
      /**
       * Format: int64
       * @description how many times it fired (events or windows)
       */
      count: number
      /** @description when the job last wrote it (processing time) */
      updated_at?: string | null
      /** @description raised by a rule in shadow mode */
      shadow?: boolean | null
      /** @description open, acknowledged or closed */
      status: string
      /** @description ids of the matched logs */
      event_ids: string[]
      /** @description the rule kind's facts (window, threshold, steps, detector ...) */
      context?: {
        [key: string]: Record<string, unknown>
      } | null
      status_changed_at?: string | null
      status_changed_by?: string | null
    } & {
      [key: string]: unknown
    }
    /** @description One status change of an alert: who, when, from which status to which, and the note. */
    AlertHistoryEntry: {
      id: string
      alert_id: string
      /** @description ISO-8601, UTC */
      timestamp: string
      user: string
      /** @description open, acknowledged or closed */
      from_status: string
      /** @description open, acknowledged or closed */
      to_status: string
      /** @description null when the change had none */
      note?: string | null
    } & {
      [key: string]: unknown
    }
    /** @description The alerts the current rules would have raised over the stored events of a range. */
    BacktestResult: {
      /** @description ISO-8601, UTC */
      from: string
      /** @description ISO-8601, UTC */
      to: string
      /** @description the logs alias it read */
      index?: string | null
      /**
       * Format: int64
       * @description stored events it read
       */
      events: number
      /**
       * Format: int64
       * @description rules it ran (enabled and not dormant)
       */
      rules_run?: number | null
      /** Format: int64 */
      rules_loaded?: number | null
      /** @description whether protected fields were decrypted for the rules (clear roles only) */
      protected_fields_read?: boolean | null
      /** @description each with id and the alert document's fields (as in GET /alerts), without status */
      alerts: {
        [key: string]: Record<string, unknown>
      }[]
      /** @description rule id: how many alerts */
      by_rule: {
        [key: string]: number
      }
    } & {
      [key: string]: unknown
    }
    /** @description A configured notification channel, secrets masked. */
    ChannelView: {
      name: string
      /** @description slack, pagerduty or webhook */
      type: string
      /** @description the file or environment variable it was configured in */
      configured_in: string
      target: components['schemas']['ChannelView.MaskedTarget']
      route: components['schemas']['ChannelView.RouteView']
      quiet_hours: components['schemas']['ChannelView.QuietHoursView'] | null
      rate_limit: components['schemas']['ChannelView.RateLimitView']
      /** @description null when it sends one message per alert */
      group: components['schemas']['ChannelView.GroupingView'] | null
      /** @description a duration, e.g. 10s */
      timeout: string
      /** @description clear or masked */
      protected_values: string
    }
    /** @description null when it sends one message per alert */
    'ChannelView.GroupingView': {
      /** @description a duration, e.g. 30s */
      wait: string
      /** Format: int32 */
      max: number
    }
    /** @description url for every type; routing_key for pagerduty; secret, headers and signed for webhook */
    'ChannelView.MaskedTarget': {
      /** @description scheme, host and port, the rest masked when it is a secret */
      url: string
      /** @description env:NAME, secret:KEY or file */
      url_from: string
      routing_key?: string | null
      routing_key_from?: string | null
      /** @description the HMAC key, masked */
      secret?: string | null
      secret_from?: string | null
      /** @description header name: value, secret values masked */
      headers?: {
        [key: string]: string
      } | null
      /** @description whether requests carry an HMAC signature */
      signed?: boolean | null
    }
    /** @description When only alerts of `let_through` or above are sent at once; the rest wait for the end. */
    'ChannelView.QuietHoursView': {
      /** @description HH:MM */
      from: string
      /** @description HH:MM */
      to: string
      /** @description a time zone id, e.g. Europe/Berlin */
      zone: string
      /** @description MONDAY ... SUNDAY */
      days: string[]
      let_through: components['schemas']['Severity'] | null
    }
    /** @description At most `messages` per `per`. */
    'ChannelView.RateLimitView': {
      /** Format: int32 */
      messages: number
      /** @description a duration, e.g. 1m */
      per: string
    }
    /** @description Which alerts the channel gets. */
    'ChannelView.RouteView': {
      min_severity: components['schemas']['Severity']
      /** @description globs */
      tags: string[]
      /** @description globs */
      hosts: string[]
      /** @description globs of rules/assets.yml's groups */
      host_groups: string[]
      /** @description globs of rule ids */
      rules: string[]
    }
    /** @description A record the job did not store as a document: why, where it came from and what it held. */
    DeadLetterItem: {
      /** @description the record's document id (DocumentIds), or the refused document's id */
      id: string
      /** @description ISO-8601, UTC: when it was rejected */
      timestamp: string
      /** @description the step that gave up: parse, redact, enrich, detect-rules, encrypt, render or index */
      stage?: string | null
      reason: string
      /** @description absent for a rollup or alert document Elasticsearch refused */
      topic?: string | null
      /** Format: int64 */
      partition?: number | null
      /** Format: int64 */
      offset?: number | null
      /** @description what it held, as raw_encoding says */
      raw: string
      /** @description utf-8, base64, message, document or withheld; +truncated past 64 KiB */
      raw_encoding: string
      /** @description the same as timestamp (CONTRACT.md's name) */
      time: string
    } & {
      [key: string]: unknown
    }
    /** @description The run of ./vigil rules deploy: ok when the new job runs. */
    DeployOutcome: {
      ok: boolean
      /** Format: int32 */
      exit_code: number
      /** @description what the command printed: why it did not deploy, when it did not */
      output: string
    }
    'HealthController.Health': {
      status: string
      elasticsearch: string
    }
    /** @description A short, unpaged list: `{"items":[...],"total":N}` (rules, an alert's history, notification channels). Generic in its items, like Page, so that the OpenAPI document describes them. */
    ItemList_AlertHistoryEntry_: {
      items: components['schemas']['AlertHistoryEntry'][]
      /** Format: int64 */
      total: number
    }
    /** @description A short, unpaged list: `{"items":[...],"total":N}` (rules, an alert's history, notification channels). Generic in its items, like Page, so that the OpenAPI document describes them. */
    ItemList_ChannelView_: {
      items: components['schemas']['ChannelView'][]
      /** Format: int64 */
      total: number
    }
    /** @description A short, unpaged list: `{"items":[...],"total":N}` (rules, an alert's history, notification channels). Generic in its items, like Page, so that the OpenAPI document describes them. */
    ItemList_Rule_: {
      items: components['schemas']['Rule'][]
      /** Format: int64 */
      total: number
    }
    /** @description A metric sample or a security event; ECS security fields and anything else kept are further properties. */
    LogItem: {
      id: string
      /** @description ISO-8601, UTC */
      timestamp: string
      host: string
      severity: components['schemas']['Severity']
      /** @description metric or event */
      kind: string
      /** @description the Kafka topic it came from */
      topic: string
      /** @description as the host sent it; a metric sample sent without one has a line of its numbers */
      message?: string | null
      /** Format: double */
      cpu_usage?: number | null
      memory_usage?: components['schemas']['LogItem.MemoryUsage'] | null
      network?: components['schemas']['LogItem.Network'] | null
      /** @description the single-event rules it matched */
      threats?: components['schemas']['LogItem.Threat'][] | null
    } & {
      [key: string]: unknown
    }
    'LogItem.MemoryUsage': {
      /**
       * Format: int64
       * @description bytes
       */
      used?: number | null
      /**
       * Format: int64
       * @description bytes
       */
      total?: number | null
      /** Format: double */
      percentage?: number | null
    } & {
      [key: string]: unknown
    }
    /** @description A metric sample's rates; an event's ECS network fields (`network.transport`) share the object. */
    'LogItem.Network': {
      /** Format: double */
      in_bytes_per_sec?: number | null
      /** Format: double */
      out_bytes_per_sec?: number | null
    } & {
      [key: string]: unknown
    }
    /** @description A single-event rule the log matched. */
    'LogItem.Threat': {
      rule_id: string
      title: string
      severity: components['schemas']['Severity']
      tags: string[]
    } & {
      [key: string]: unknown
    }
    /** @description Body of `POST /login`. No toString with the password: records print every field. */
    LoginRequest: {
      username: string
      password: string
    }
    'MeController.Me': {
      username: string
      roles: string[]
      hosts: string[]
    }
    /** @description An alert's notification on a channel, with its delivery state. */
    Notification: {
      id: string
      channel: string
      /** @description slack, pagerduty or webhook */
      channel_type: string
      alert_id: string
      /** @description trigger or resolve */
      action: string
      /** @description pending, sending, retry, delivered, dead or skipped */
      status: string
      rule_id?: string | null
      title?: string | null
      severity?: components['schemas']['Severity'] | null
      host?: string | null
      hosts?: string[] | null
      /** @description ISO-8601, UTC */
      created_at: string
      /** @description ISO-8601, UTC */
      updated_at?: string | null
      /** @description ISO-8601, UTC: not sent before (grouping, quiet hours, retry backoff) */
      not_before?: string | null
      /** Format: int64 */
      attempts?: number | null
      /** @description why it was skipped */
      reason?: string | null
      /** @description ISO-8601, UTC: while sending, when another sender may take it over */
      lease_until?: string | null
      /** @description the message it went out in (one message may carry several alerts) */
      message_id?: string | null
      /**
       * Format: int64
       * @description alerts in that message
       */
      message_size?: number | null
      /** @description ISO-8601, UTC */
      delivered_at?: string | null
      /**
       * Format: int64
       * @description the receiver's answer to the last attempt
       */
      http_status?: number | null
      last_error?: string | null
    } & {
      [key: string]: unknown
    }
    /** @description The list envelope of CONTRACT.md: `{"items":[...],"total":N,"page":P,"size":S,"next":cursor|null}`. Generic in its items so that the OpenAPI document describes a list of typed items (alerts, logs, dead letters, notifications) item by item. */
    Page_Alert_: {
      items: components['schemas']['Alert'][]
      /** Format: int64 */
      total: number
      /** Format: int32 */
      page: number
      /** Format: int32 */
      size: number
      next?: string | null
    }
    /** @description The list envelope of CONTRACT.md: `{"items":[...],"total":N,"page":P,"size":S,"next":cursor|null}`. Generic in its items so that the OpenAPI document describes a list of typed items (alerts, logs, dead letters, notifications) item by item. */
    Page_DeadLetterItem_: {
      items: components['schemas']['DeadLetterItem'][]
      /** Format: int64 */
      total: number
      /** Format: int32 */
      page: number
      /** Format: int32 */
      size: number
      next?: string | null
    }
    /** @description The list envelope of CONTRACT.md: `{"items":[...],"total":N,"page":P,"size":S,"next":cursor|null}`. Generic in its items so that the OpenAPI document describes a list of typed items (alerts, logs, dead letters, notifications) item by item. */
    Page_LogItem_: {
      items: components['schemas']['LogItem'][]
      /** Format: int64 */
      total: number
      /** Format: int32 */
      page: number
      /** Format: int32 */
      size: number
      next?: string | null
    }
    /** @description The list envelope of CONTRACT.md: `{"items":[...],"total":N,"page":P,"size":S,"next":cursor|null}`. Generic in its items so that the OpenAPI document describes a list of typed items (alerts, logs, dead letters, notifications) item by item. */
    Page_Notification_: {
      items: components['schemas']['Notification'][]
      /** Format: int64 */
      total: number
      /** Format: int32 */
      page: number
      /** Format: int32 */
      size: number
      next?: string | null
    }
    /** @description A rule the job loaded, with the alerts it raised that the caller may see. */
    Rule: {
      id: string
      title: string
      description?: string | null
      /** @description match, count, threshold or sequence */
      kind: string
      severity: components['schemas']['Severity']
      tags: string[]
      enabled: boolean
      group_by?: string[] | null
      /** @description the file it was read from */
      source?: string | null
      /** @description live or shadow (its alerts are stored marked shadow and notify nobody) */
      mode?: string | null
      /** @description its logsource as declared, e.g. product=linux service=sshd */
      logsource?: string | null
      /** @description why it never runs, when it is dormant */
      dormant?: string | null
      /** @description ISO-8601, UTC: when the job loaded it */
      loaded_at?: string | null
      /** @description the version (SHA-256) of the rule set it was loaded from */
      rule_set?: string | null
      /**
       * Format: int64
       * @description alerts it raised
       */
      alert_count: number
      /**
       * Format: int64
       * @description the sum of its alerts' count
       */
      hit_count: number
      /**
       * Format: int64
       * @description its alerts first seen in the last 24 hours, shadow ones too
       */
      alerts_24h: number
    } & {
      [key: string]: unknown
    }
    /** @description A backtest's range: ISO-8601 or `now-1h`; default the last hour. */
    'RuleActionsController.BacktestRequest': {
      from?: string | null
      to?: string | null
    }
    /** @enum {string} */
    Severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'
    /** @description open → acknowledged → closed; closed or acknowledged → open reopens */
    StatusChange: {
      /** @description open, acknowledged or closed */
      status: string | null
      /** @description why (kept in the history), up to 2000 characters */
      note?: string | null
    }
    'StreamTicketsController.TicketResponse': {
      ticket: string
      /** Format: int64 */
      expires_in: number
    }
    /** @description `GET /metrics/summary` as CONTRACT.md shapes it. Averages are over samples (weighted by each window's sample count); a value is null when the range holds no sample. */
    Summary: {
      from: string
      to: string
      interval: string
      hosts: string[]
      cpu_usage: components['schemas']['Summary.Cpu']
      memory_usage: components['schemas']['Summary.Memory']
      network: components['schemas']['Summary.Network']
      series: components['schemas']['Summary.Point'][]
    }
    'Summary.Cpu': {
      /** Format: double */
      avg?: number | null
      /** Format: double */
      max?: number | null
      /** Format: double */
      p95?: number | null
    }
    'Summary.Memory': {
      /** Format: double */
      avg_percentage?: number | null
      /** Format: double */
      max_percentage?: number | null
    }
    'Summary.Network': {
      /** Format: double */
      avg_in_bytes_per_sec?: number | null
      /** Format: double */
      avg_out_bytes_per_sec?: number | null
    }
    /** @description One bucket of the series; net_in / net_out are average bytes per second per sample, like the totals. */
    'Summary.Point': {
      timestamp: string
      /** Format: double */
      cpu_avg?: number | null
      /** Format: double */
      cpu_max?: number | null
      /** Format: double */
      memory_avg_percentage?: number | null
      /** Format: double */
      net_in?: number | null
      /** Format: double */
      net_out?: number | null
    }
    /** @description Answer of `POST /login`: `{"access_token","token_type":"Bearer","expires_in"}`. */
    TokenResponse: {
      access_token: string
      token_type: string
      /** Format: int32 */
      expires_in: number
    }
  }
  responses: never
  parameters: never
  requestBodies: never
  headers: never
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  listAlerts: {
    parameters: {
      query?: {
        /** @description comma list of LOW, MEDIUM, HIGH, CRITICAL */
        severity?: string | null
        /** @description comma list of open, acknowledged, closed */
        status?: string | null
        /** @description host name or glob */
        host?: string | null
        /** @description rule id */
        rule_id?: string | null
        /** @description ISO-8601 or now-1h */
        from?: string | null
        /** @description ISO-8601 or now */
        to?: string | null
        /** @description 1-based page */
        page?: string | null
        /** @description 1-500, default 50 */
        size?: string | null
        /** @description cursor: the 'next' of the previous page */
        after?: string | null
        /** @description alerts of rules in mode: shadow: exclude (default), include or only */
        shadow?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description listAlerts 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Page_Alert_']
        }
      }
    }
  }
  streamAlerts: {
    parameters: {
      query?: {
        severity?: string | null
        status?: string | null
        host?: string | null
        rule_id?: string | null
        from?: string | null
        to?: string | null
        /** @description resume after this event id (as Last-Event-ID) */
        last_event_id?: string | null
        shadow?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description each 'alert' event's data is the alert as it is now, as in the list */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/event-stream': components['schemas']['Alert']
        }
      }
    }
  }
  getAlert: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description getAlert 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Alert']
        }
      }
    }
  }
  changeAlertStatus: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['StatusChange']
      }
    }
    responses: {
      /** @description changeAlertStatus 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Alert']
        }
      }
    }
  }
  alertHistory: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description alertHistory 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ItemList_AlertHistoryEntry_']
        }
      }
    }
  }
  listDeadLetters: {
    parameters: {
      query?: {
        /** @description ISO-8601 or now-1d */
        from?: string | null
        /** @description ISO-8601 or now */
        to?: string | null
        /** @description 1-based page */
        page?: string | null
        /** @description 1-500, default 50 */
        size?: string | null
        /** @description cursor: the 'next' of the previous page */
        after?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description listDeadLetters 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Page_DeadLetterItem_']
        }
      }
    }
  }
  health: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description health 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['HealthController.Health']
        }
      }
    }
  }
  login: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginRequest']
      }
    }
    responses: {
      /** @description the token */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TokenResponse']
          'application/problem+json': components['schemas']['TokenResponse']
        }
      }
      /** @description wrong user name or password */
      401: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description too many failed attempts for this user or address; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  listLogs: {
    parameters: {
      query?: {
        /** @description host name or glob (web-*) */
        host?: string | null
        /** @description comma list of LOW, MEDIUM, HIGH, CRITICAL */
        severity?: string | null
        /** @description ISO-8601 or now-15m; inclusive */
        from?: string | null
        /** @description ISO-8601 or now; exclusive */
        to?: string | null
        /** @description words in the message (simple query string: "phrase", -not, a|b, pre*) */
        q?: string | null
        /** @description metric or event */
        kind?: string | null
        /** @description exact value of a security field, name:value (user.name:alice); finds encrypted values too, for the roles that see them in clear (others: 403) */
        field?: string | null
        /** @description comma list of up to 100 log ids; those that exist (and are in scope) are listed */
        ids?: string | null
        /** @description 1-based page */
        page?: string | null
        /** @description 1-500, default 50 */
        size?: string | null
        /** @description cursor: the 'next' of the previous page */
        after?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description listLogs 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Page_LogItem_']
        }
      }
    }
  }
  streamLogs: {
    parameters: {
      query?: {
        host?: string | null
        severity?: string | null
        from?: string | null
        to?: string | null
        q?: string | null
        kind?: string | null
        field?: string | null
        /** @description resume after this event id (as Last-Event-ID) */
        last_event_id?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description each 'log' event's data is one item, as in the list */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/event-stream': components['schemas']['LogItem']
        }
      }
    }
  }
  getLog: {
    parameters: {
      query?: never
      header?: never
      path: {
        id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description getLog 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['LogItem']
        }
      }
    }
  }
  me: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description me 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MeController.Me']
        }
      }
    }
  }
  metricsSummary: {
    parameters: {
      query?: {
        /** @description host name or glob; all visible hosts when absent */
        host?: string | null
        /** @description ISO-8601 or now-1h; default: an hour before 'to' */
        from?: string | null
        /** @description ISO-8601 or now; default now */
        to?: string | null
        /** @description bucket of the series: 1m, 5m, 1h, 1d ...; default 1m up to 24 h, else 1h */
        interval?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description metricsSummary 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Summary']
        }
      }
    }
  }
  listNotifications: {
    parameters: {
      query?: {
        /** @description channel name */
        channel?: string | null
        /** @description comma list of pending, sending, retry, delivered, dead, skipped */
        status?: string | null
        /** @description alert id */
        alert_id?: string | null
        /** @description created at or after: ISO-8601 or now-1d */
        from?: string | null
        /** @description created before: ISO-8601 or now */
        to?: string | null
        /** @description 1-based page */
        page?: string | null
        /** @description 1-500, default 50 */
        size?: string | null
        /** @description cursor: the 'next' of the previous page */
        after?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description listNotifications 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Page_Notification_']
        }
      }
    }
  }
  listNotificationChannels: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description listNotificationChannels 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ItemList_ChannelView_']
        }
      }
    }
  }
  listRules: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description listRules 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ItemList_Rule_']
        }
      }
    }
  }
  backtestRules: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: {
      content: {
        'application/json': components['schemas']['RuleActionsController.BacktestRequest']
      }
    }
    responses: {
      /** @description backtestRules 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['BacktestResult']
        }
      }
    }
  }
  deployRules: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description deployRules 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['DeployOutcome']
        }
      }
    }
  }
  streamTicket: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description streamTicket 200 response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['StreamTicketsController.TicketResponse']
        }
      }
    }
  }
}
