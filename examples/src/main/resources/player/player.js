'use strict';
/*
 * The vodkit example player: plays a video's HLS master with hls.js or its DASH MPD with dash.js
 * (both vendored next to this page, never loaded from a CDN), and shows the rung being rendered,
 * the throughput the player measures and how often it switched rung.
 *
 * Query parameters: src (manifest URL), player (hls | dash), start (auto | top | bottom),
 * rate (playback rate, default 1). Without src it shows the form.
 *
 * Everything it observes is also kept in window.vodkit, which the browser tests read.
 */
(function () {
  const params = new URLSearchParams(location.search);
  const video = document.getElementById('video');
  const state = (window.vodkit = {
    player: null,
    src: null,
    rungs: [], // {index, width, height, bitrate} lowest first, as the player lists them
    rendered: [], // every rung rendered, in order: the first one, then one per switch
    switches: 0, // changes of the rendered video rung
    throughputKbps: null,
    fragments: 0, // video fragments loaded
    errors: [], // {where, detail, fatal}
    playing: false,
    ended: false,
    endedBy: null, // 'element' (the video element's ended event) or 'dash.js' (its PLAYBACK_ENDED)
    endedAt: null, // the playhead when playback ended, s
    media: null, // the video element's clock and buffer, refreshed on every media event
    events: [], // the last media and player events, "type@currentTime"
  });

  function ended(by) {
    if (state.ended) return;
    state.ended = true;
    state.endedBy = by;
    state.endedAt = +video.currentTime.toFixed(3);
    observeMedia();
    show('state', 'ended');
    log(`ended (${by})`);
  }

  function note(type) {
    state.events.push(`${type}@${(video.currentTime || 0).toFixed(3)}`);
    if (state.events.length > 40) state.events.shift();
  }

  function observeMedia() {
    const buffered = [];
    for (let i = 0; i < video.buffered.length; i++) {
      buffered.push([+video.buffered.start(i).toFixed(3), +video.buffered.end(i).toFixed(3)]);
    }
    state.media = {
      currentTime: +video.currentTime.toFixed(3),
      duration: Number.isFinite(video.duration) ? +video.duration.toFixed(3) : null,
      buffered,
      readyState: video.readyState,
      paused: video.paused,
    };
  }

  function show(id, text) {
    document.getElementById(id).textContent = text;
  }

  function log(text, isError) {
    const item = document.createElement('li');
    item.textContent = `${(video.currentTime || 0).toFixed(1)}s ${text}`;
    if (isError) item.className = 'error';
    const list = document.getElementById('log');
    list.prepend(item);
    while (list.children.length > 100) list.lastChild.remove();
  }

  function describe(rung) {
    return `${rung.height}p (${rung.width}x${rung.height}, ${(rung.bitrate / 1e6).toFixed(2)} Mbit/s)`;
  }

  function rendered(rung) {
    const previous = state.rendered[state.rendered.length - 1];
    state.rendered.push(rung);
    if (previous && previous.index !== rung.index) {
      state.switches++;
      log(`switched ${previous.height}p -> ${rung.height}p`);
    } else if (!previous) {
      log(`first rung ${describe(rung)}`);
    }
    show('rung', describe(rung));
    show('switches', String(state.switches));
  }

  function measured(kbps) {
    if (!(kbps > 0) || !isFinite(kbps)) return;
    state.throughputKbps = Math.round(kbps);
    show('throughput', `${(kbps / 1000).toFixed(2)} Mbit/s`);
  }

  function failed(where, detail, fatal) {
    state.errors.push({ where, detail: String(detail), fatal: Boolean(fatal) });
    log(`${fatal ? 'FATAL ' : ''}${where} error: ${detail}`, true);
    if (fatal) show('state', `failed: ${detail}`);
  }

  function playHls(src, start) {
    if (!window.Hls || !Hls.isSupported()) {
      failed('hls', 'hls.js is missing or Media Source Extensions are not supported', true);
      return;
    }
    const hls = new Hls({ capLevelToPlayerSize: false });
    hls.on(Hls.Events.MANIFEST_PARSED, (event, data) => {
      state.rungs = data.levels.map((l, index) => ({ index, width: l.width, height: l.height, bitrate: l.bitrate }));
      if (start === 'top') hls.startLevel = data.levels.length - 1;
      if (start === 'bottom') hls.startLevel = 0;
      log(`manifest: ${state.rungs.map(describe).join(', ')}`);
    });
    hls.on(Hls.Events.LEVEL_SWITCHED, (event, data) => rendered(state.rungs[data.level]));
    hls.on(Hls.Events.FRAG_LOADED, (event, data) => {
      if (data.frag.type === 'main') state.fragments++;
      measured(hls.bandwidthEstimate / 1000);
    });
    hls.on(Hls.Events.ERROR, (event, data) => failed('hls', data.details, data.fatal));
    hls.loadSource(src);
    hls.attachMedia(video);
    show('engine', `hls.js ${Hls.version}`);
    window.vodkitHls = hls;
  }

  function requestKbps(request, response) {
    const bytes = request.bytesTotal || (response && response.byteLength) || 0;
    const end = request.requestEndDate || new Date();
    return (bytes * 8) / Math.max(1, end - request.startDate);
  }

  function playDash(src, start) {
    if (!window.dashjs) {
      failed('dash', 'dash.js is missing', true);
      return;
    }
    const player = dashjs.MediaPlayer().create();
    const abr = {};
    if (start === 'top') abr.initialBitrate = { video: 1e7 }; // kbit/s: above every rung
    if (start === 'bottom') abr.initialBitrate = { video: 1 };
    player.updateSettings({ debug: { logLevel: dashjs.Debug.LOG_LEVEL_WARNING }, streaming: { abr } });
    const events = dashjs.MediaPlayer.events;
    const toRung = (r) => ({ index: r.absoluteIndex, width: r.width, height: r.height, bitrate: r.bandwidth });
    player.on(events.STREAM_INITIALIZED, () => {
      state.rungs = player.getRepresentationsByType('video').map(toRung);
      log(`manifest: ${state.rungs.map(describe).join(', ')}`);
      const current = player.getCurrentRepresentationForType('video');
      if (current && state.rendered.length === 0) rendered(toRung(current));
    });
    player.on(events.QUALITY_CHANGE_RENDERED, (e) => {
      if (e.mediaType === 'video') rendered(toRung(e.newRepresentation));
    });
    player.on(events.FRAGMENT_LOADING_COMPLETED, (e) => {
      if (e.request.mediaType !== 'video') return;
      if (e.request.type === 'MediaSegment') state.fragments++;
      // dash.js leaves its average empty while every sample is too fast to count (loopback):
      // fall back to this request's own timing
      const average = player.getAverageThroughput('video');
      measured(average > 0 ? average : requestKbps(e.request, e.response));
    });
    player.on(events.ERROR, (e) => failed('dash', JSON.stringify(e.error || e), true));
    // dash.js may see the end first (its timer: playhead at the MPD's duration, a few ms before the
    // element's own end when the appended media runs a frame past it); it then parks the playhead
    // seekDurationBackoff (0.5 s) before the end and pauses, so the element never fires 'ended'.
    player.on(events.PLAYBACK_ENDED, (e) => { if (e.isLast) ended('dash.js'); });
    for (const type of ['PLAYBACK_PAUSED', 'PLAYBACK_ENDED', 'PLAYBACK_SEEKING', 'BUFFER_EMPTY', 'BUFFER_LOADED', 'STREAM_DEACTIVATED', 'PLAYBACK_STALLED', 'GAP_CAUGHT']) {
      if (events[type]) player.on(events[type], (e) => note(`dash:${type}${e && e.mediaType ? ':' + e.mediaType : ''}`));
    }
    player.initialize(video, src, true);
    show('engine', `dash.js ${player.getVersion()}`);
    window.vodkitDash = player;
  }

  function play(src, engine, start, rate) {
    state.player = engine;
    state.src = src;
    show('engine', engine === 'dash' ? 'dash.js' : 'hls.js');
    show('state', 'loading');
    video.playbackRate = rate;
    video.addEventListener('loadedmetadata', () => { video.playbackRate = rate; });
    video.addEventListener('playing', () => { state.playing = true; show('state', 'playing'); });
    video.addEventListener('waiting', () => show('state', 'buffering'));
    video.addEventListener('ended', () => ended('element'));
    video.addEventListener('error', () => failed('video', video.error && video.error.message, true));
    for (const type of ['timeupdate', 'waiting', 'stalled', 'durationchange', 'progress', 'ended']) {
      video.addEventListener(type, observeMedia);
    }
    for (const type of ['play', 'pause', 'seeking', 'seeked', 'waiting', 'stalled', 'ended', 'ratechange']) {
      video.addEventListener(type, () => note(type));
    }
    if (engine === 'dash') playDash(src, start);
    else playHls(src, start);
    video.play().catch((e) => log(`autoplay: ${e.message}`));
  }

  const src = params.get('src');
  document.getElementById('src').value = src || '';
  document.getElementById('player').value = params.get('player') === 'dash' ? 'dash' : 'hls';
  document.getElementById('start').value = params.get('start') || 'auto';
  if (src) {
    const rate = Number(params.get('rate')) || 1;
    play(src, params.get('player') === 'dash' ? 'dash' : 'hls', params.get('start') || 'auto', rate);
  }
})();
