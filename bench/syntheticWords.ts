/**
 * Vocabulary for the synthetic libraries: prompts are assembled from these the way people write them (subject, then
 * a scene, style, lighting and quality boilers), so FTS sees the skewed term frequencies of a real library — a few
 * words everywhere ("detailed", "light"), most words rare.
 */
export const SUBJECTS = [
  'a lighthouse', 'an old fisherman', 'a red fox', 'a snow leopard', 'a cyberpunk samurai', 'a tiny robot', 'a dragon',
  'a medieval castle', 'a cozy cabin', 'a space station', 'an astronaut', 'a koi pond', 'a steam locomotive',
  'a vintage car', 'a jellyfish', 'a hummingbird', 'a wolf pack', 'a street market', 'a tea ceremony', 'a ballerina',
  'a jazz musician', 'a witch', 'a knight in armor', 'an elven archer', 'a desert caravan', 'a floating island',
  'a waterfall', 'a bonsai tree', 'a bowl of ramen', 'a stack of pancakes', 'a cup of coffee', 'a lotus flower',
  'a mountain village', 'a neon city', 'a rainy alley', 'an abandoned factory', 'a greenhouse', 'a library',
  'a cathedral', 'a pirate ship', 'a submarine', 'a hot air balloon', 'a sailboat', 'a windmill', 'a lighthouse keeper',
  'a portrait of a young woman', 'a portrait of an old man', 'a child with a kite', 'a cat on a windowsill',
  'a golden retriever', 'an owl', 'a raven', 'a tiger', 'an elephant', 'a whale', 'a sea turtle', 'a chameleon',
  'a mech warrior', 'a sorceress', 'a phoenix', 'a unicorn', 'a griffin', 'a kraken', 'a giant tortoise',
  'a treehouse', 'a crystal cave', 'a volcano', 'a glacier', 'a canyon', 'a bamboo forest', 'a cherry blossom tree',
  'a sunflower field', 'a lavender field', 'a vineyard', 'a harbor', 'a train station', 'a subway car', 'a diner',
  'a bookshop', 'a bakery', 'a flower shop', 'a chess player', 'a scientist', 'a detective', 'a gardener',
  'a blacksmith', 'a potter', 'a violinist', 'a skateboarder', 'a surfer', 'a climber', 'a monk', 'a geisha',
  'a viking', 'a cowboy', 'a racing car', 'a motorcycle', 'a spaceship', 'an alien landscape', 'a black hole',
  'a nebula', 'a moon base', 'a clockwork heart', 'a mechanical owl', 'a paper boat', 'a glass bottle with a ship',
];

export const ADJECTIVES = [
  'ancient', 'ornate', 'weathered', 'glowing', 'misty', 'serene', 'majestic', 'whimsical', 'melancholic', 'vibrant',
  'desolate', 'lush', 'crumbling', 'futuristic', 'rustic', 'elegant', 'ethereal', 'gritty', 'colossal', 'tiny',
  'intricate', 'minimalist', 'overgrown', 'frozen', 'burning', 'submerged', 'haunted', 'peaceful', 'chaotic', 'surreal',
];

export const PLACES = [
  'on a cliff above the sea', 'in a foggy forest', 'at the edge of a calm lagoon', 'in the middle of a busy street',
  'under a starry sky', 'in a snowy valley', 'on a distant planet', 'inside a glass dome', 'among ruins', 'by a river',
  'in a field of wildflowers', 'on a rooftop in Tokyo', 'in a Parisian cafe', 'in the Sahara desert', 'deep underwater',
  'in a dense jungle', 'on a frozen lake', 'in an empty warehouse', 'in a candlelit room', 'above the clouds',
  'in a Venetian canal', 'at a night market', 'on a windswept moor', 'in a Scandinavian fjord', 'in a bamboo grove',
];

export const STYLES = [
  'oil painting', 'watercolor', 'digital art', 'concept art', 'studio ghibli style', 'art nouveau', 'ukiyo-e woodblock print',
  'cinematic still', 'analog film photo', 'polaroid', 'pixel art', 'low poly render', 'isometric illustration',
  'charcoal sketch', 'ink drawing', 'comic book style', 'anime style', 'photorealistic', 'hyperrealism', 'impressionist',
  'baroque painting', 'synthwave', 'vaporwave', 'steampunk', 'dieselpunk', 'solarpunk', 'dark fantasy', 'matte painting',
  'claymation', 'origami', 'stained glass', 'mosaic', 'pop art', 'bauhaus poster', 'double exposure', 'tilt-shift',
  'in the style of Moebius', 'in the style of Alphonse Mucha', 'in the style of Hokusai', 'in the style of Turner',
];

export const LIGHTING = [
  'golden hour', 'blue hour', 'soft morning light', 'harsh midday sun', 'dramatic rim light', 'volumetric fog',
  'god rays', 'neon glow', 'candlelight', 'moonlight', 'bioluminescent light', 'overcast diffuse light',
  'backlit silhouette', 'studio lighting', 'chiaroscuro', 'sunset glow', 'aurora borealis', 'lightning storm',
];

export const CAMERA = [
  '35mm', '85mm lens', 'wide angle', 'macro shot', 'aerial view', 'low angle', 'close-up', 'full body shot',
  'shallow depth of field', 'bokeh', 'long exposure', 'f/1.8', 'ISO 100', 'drone shot', 'fisheye',
];

export const QUALITY = [
  'highly detailed', 'intricate details', '8k', '4k', 'masterpiece', 'best quality', 'sharp focus', 'trending on artstation',
  'award winning', 'ultra realistic', 'octane render', 'unreal engine 5', 'hdr', 'film grain', 'muted colors',
  'vivid colors', 'pastel palette', 'monochrome', 'high contrast', 'soft colors',
];

export const COLORS = ['red', 'crimson', 'amber', 'golden', 'emerald', 'teal', 'turquoise', 'azure', 'indigo', 'violet', 'silver', 'black', 'white', 'pink'];

export const NEGATIVE = [
  'blurry', 'low quality', 'watermark', 'text', 'signature', 'extra fingers', 'deformed hands', 'bad anatomy', 'jpeg artifacts',
  'oversaturated', 'cropped', 'duplicate', 'ugly', 'noise', 'out of frame', 'lowres', 'worst quality', 'disfigured',
];

/** Some users write in their own language; diacritics and non-Latin scripts must survive FTS and highlighting. */
export const FOREIGN_PROMPTS = [
  'Ein alter Leuchtturm über einer ruhigen Lagune bei Sonnenaufgang, Ölgemälde, sehr detailliert',
  'Märchenwald im Nebel mit leuchtenden Pilzen, Aquarell, weiche Farben',
  'Eine gemütliche Hütte im Schnee, warmes Licht aus den Fenstern, Dämmerung',
  'Un café parisien sous la pluie, reflets des néons sur les pavés, photographie argentique',
  'Portrait d’une femme âgée au chapeau rouge, lumière douce de fenêtre, peinture à l’huile',
  'Château médiéval au sommet d’une falaise, brume matinale, style fantaisie épique',
  'Niño jugando con una cometa en la playa, atardecer dorado, estilo acuarela',
  'Mercado nocturno en Ciudad de México, luces cálidas, fotografía cinematográfica',
  'Uma canção de pescadores ao anoitecer, barcos coloridos, pintura impressionista',
  'Gato preto dormindo ao sol na janela, fotografia macro, cores suaves',
  'Vecchio faro sulla scogliera durante una tempesta, fulmini, pittura drammatica',
  'Zorro rojo en un bosque nevado, luz de invierno, alta definición',
  'Szczęśliwy pies biegnący po łące, słoneczny dzień, zdjęcie',
  'Ночной город под дождём, неоновые вывески, кинематографичный кадр',
  '東京の夜景、ネオンが雨に映る、シネマティック',
  '桜の木の下の茶室、春の柔らかい光、水彩画',
  '雪山の中の小さな村、朝霧、油絵',
  '一只在竹林里的熊猫，晨光，国画风格',
  '한옥 마을의 가을 풍경, 단풍, 수채화',
  'Fjällstuga vid en frusen sjö under norrsken, fotografi',
];

/** Tags users put on images: subjects, projects, moods; names repeat with varying case in real libraries. */
export const TAGS = [
  'portrait', 'landscape', 'architecture', 'animals', 'fantasy', 'sci-fi', 'cyberpunk', 'nature', 'food', 'abstract',
  'wallpaper', 'client-work', 'project-lagoon', 'project-atlas', 'moodboard', 'reference', 'favorites-2025', 'print',
  'instagram', 'book-cover', 'album-art', 'concept', 'character', 'creature', 'vehicle', 'interior', 'night', 'winter',
  'summer', 'ocean', 'forest', 'city', 'retro', 'minimal', 'dark', 'colorful', 'black-and-white', 'keep', 'to-upscale',
  'to-print', 'sketch', 'final', 'wip', 'experiment', 'seed-study', 'style-study', 'lighting-study', 'comp', 'draft', 'best',
];

/** Weighted like a real user's habits: a default model for most, a few favourites, rare experiments. */
export const MODEL_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['z-image-turbo', 40],
  ['venice-sd35', 12],
  ['qwen-image', 12],
  ['flux-2-pro', 10],
  ['nano-banana-2', 8],
  ['gpt-image-1-5', 6],
  ['grok-imagine-image', 5],
  ['lustify-v8', 4],
  ['lustify-v7', 2],
  ['hunyuan-image-v3', 1],
];

export const STYLE_PRESETS = ['3D Model', 'Analog Film', 'Anime', 'Cinematic', 'Comic Book', 'Digital Art', 'Fantasy Art', 'Neon Punk', 'Photographic', 'Pixel Art'];

/** [width, height, weight]. */
export const SIZES: ReadonlyArray<readonly [number, number, number]> = [
  [1024, 1024, 45],
  [1024, 1536, 12],
  [1536, 1024, 12],
  [1280, 720, 8],
  [720, 1280, 8],
  [832, 1216, 6],
  [1216, 832, 5],
  [512, 512, 4],
];

export const FORMAT_WEIGHTS: ReadonlyArray<readonly ['png' | 'jpeg' | 'webp', number]> = [
  ['webp', 60],
  ['png', 30],
  ['jpeg', 10],
];
