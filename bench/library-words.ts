/**
 * The bench's vocabulary for sales-library text: a video-surveillance maker's marketing words,
 * in the order of how often they occur (rank 1 first). Function words lead, then the trade's
 * nouns and adjectives, then plurals, then the long tail of part numbers and firmware codes that
 * spec sheets are full of. About 2,000 distinct words; sampled with Zipf weights (1/rank).
 */
const functionWords = `the and of to a in for with on is your our that this by from at as it be can or an are more every all
each no not than up out into when where which without across over under while so also only even both any their its they we
you will has have one two new most less per day night first after before between through three four five full`;

// The trade's words, roughly most common first.
const domainWords = `camera video recording system security site network cameras image storage analytics installer
partner customer detection licence recorder control access resolution night stream software alarm integration support
lens sensor dome bullet turret infrared perimeter motion event operator management cloud server retention bandwidth
installation performance quality coverage outdoor indoor monitoring surveillance vehicle people plate recognition
evidence playback archive export search alert notification zoom focus thermal colour light lux wide dynamic range
compression codec bitrate frame rate channel channels port ports switch power ethernet cable cabling mount bracket
housing weatherproof vandal rated resistant heater wiper illuminator laser varifocal motorised fixed aperture shutter
exposure backlight glare fog rain snow dust temperature humidity wind vibration tamper sabotage masking privacy
redaction encryption certificate firmware update hardening password audit compliance regulation standard ndaa gdpr
onvif profile rtsp multicast unicast latency failover redundancy raid disk drive array capacity terabyte hours
days weeks months hybrid edge deep learning classification counting queue occupancy heatmap loitering intrusion line
crossing tripwire zone region fence gate door entrance exit lobby corridor parking garage lot street road highway
intersection traffic transit station platform train bus airport terminal runway port harbour container warehouse
dock loading factory plant production line logistics distribution retail store shop checkout aisle shelf shrink loss
prevention bank branch vault atm casino hotel hospital ward clinic campus school classroom university stadium arena
venue city municipality council police emergency response public safety critical infrastructure utility substation
pipeline water energy solar farm construction mining data centre office enterprise headquarters tenant building
facility estate residential apartment home small medium large multi distributed central remote mobile app client
browser wall display monitor keyboard joystick console dashboard map floor plan layout tour preset patrol tracking
auto pan tilt speed optical digital megapixel pixels 4k ultra high definition hd colourvu starlight low visibility
smart intelligent reliable scalable flexible affordable proven robust rugged compact powerful seamless simple easy
fast quick accurate precise efficient secure open modular unified complete comprehensive professional advanced
premium entry level mid range value total cost ownership return investment savings price pricing quote discount
margin bundle promotion offer campaign launch release roadmap portfolio series family model models version generation
upgrade migration replacement retrofit legacy analogue coax conversion encoder decoder adapter injector midspan
budget tender specification requirement requirements consultant architect engineer designer specifier integrator
reseller distributor dealer contractor technician sales rep account manager channel programme certification
training course webinar workshop demo trial evaluation pilot proof concept reference case study testimonial
success story deployment rollout project phase expansion footprint sites locations countries regions global local
warranty years extended advance replacement rma service level agreement response time uptime availability
maintenance health check diagnostics logs reports reporting statistics insights trends dashboards kpi metrics
competitor competitive comparison versus advantage differentiator weakness strength objection handling pitch
script talk track discovery question pain point value proposition benefit feature features capability capabilities
lower higher better faster stronger clearer sharper longer wider smaller lighter quieter cooler greener safer
customers operators guards staff visitors shoppers students patients passengers drivers pedestrians crowds
incidents threats risks theft vandalism trespass fraud violence fire smoke flood accident collision liability
insurance claims investigation court police evidence chain custody timestamp watermark authenticity integrity
interface api sdk plugin integration partners ecosystem third party alarm panel intercom speaker audio microphone
two-way talk siren strobe deterrence active warning voice message announcement relay input output trigger schedule
rule rules policy policies permissions users roles groups directory single sign mfa authentication authorization`;

// Words that take a plural, used for the plural band of the vocabulary.
const pluralNouns = `recorder sensor lens dome bullet turret event operator server licence stream alarm site network
image system installer customer vehicle plate notification codec switch cable mount bracket housing heater wiper
illuminator certificate update regulation standard profile disk drive terabyte zone region fence gate door entrance
exit lobby corridor garage street road highway intersection station platform train airport terminal container
warehouse dock factory plant store shop aisle shelf bank branch vault hotel hospital ward clinic campus school
classroom university stadium arena venue city municipality council utility substation pipeline farm office building
facility apartment home client browser wall display monitor keyboard joystick console dashboard map plan tour preset
patrol pixel bundle promotion offer campaign release portfolio family generation upgrade migration replacement
retrofit encoder decoder adapter injector tender specification consultant architect engineer designer specifier
reseller distributor dealer contractor technician rep manager course webinar workshop demo trial evaluation pilot
deployment rollout project phase location country warranty year agreement check report statistic insight trend
competitor comparison advantage differentiator weakness strength objection pitch script track question point
benefit guard visitor shopper student patient passenger driver pedestrian crowd incident threat risk accident
collision claim investigation watermark interface plugin speaker microphone siren strobe warning message
announcement relay input output trigger schedule policy permission user role group`;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function plural(noun: string): string {
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/** Part numbers and firmware codes: the rare tail of spec sheets. Deterministic. */
function partNumbers(count: number): string[] {
  const prefixes = ["lc", "nv", "vms", "ac", "ax", "fw", "ds", "ipc", "sku", "rev"];
  return Array.from({ length: count }, (_, i) => `${prefixes[i % prefixes.length]}${1000 + ((i * 7919) % 9000)}`);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

const leading = unique([...words(functionWords), ...words(domainWords)]);
const plurals = unique(words(pluralNouns).map(plural)).filter((word) => !leading.includes(word));
const tail = partNumbers(2_000 - leading.length - plurals.length);

/** Every word, most frequent first. */
export const vocabulary: string[] = [...leading, ...plurals, ...tail];

/** Ranks (0-based) of the function words: titles skip them. */
export const functionWordCount = words(functionWords).length;

/** Tags marketing puts on assets. */
export const benchTags = words(`4k ndaa poe lpr thermal cloud retrofit onvif cybersecurity analytics ptz fisheye colour-night
raid vms access-control education retail city healthcare transport banking logistics hospitality government energy
mobile-app h.265 edge-ai people-counting perimeter license-plate audio intercom cabling storage warranty promotion
launch competitive training installer`);
