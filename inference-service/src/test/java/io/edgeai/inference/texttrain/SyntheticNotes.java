package io.edgeai.inference.texttrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Operators' maintenance notes with the failure mode an engineer assigned, made up the way shift notes read: many
 * paraphrases per failure mode (often without the mode's name, "smoking up" for overheating), the machine and the
 * circumstances around the symptom, what was done, abbreviations, typos, missing punctuation, and a few notes whose
 * wording fits another mode (operators describe what they see, not the cause). Deterministic for a seed. Also a
 * command: {@code SyntheticNotes <rows> <seed> <file.csv>} writes a CSV with columns {@code note,failure_mode}.
 */
public final class SyntheticNotes {

    /** A labelled note. */
    public record Note(String text, String mode) {
    }

    /** The failure modes, in the order of {@link #SYMPTOMS}. */
    public static final List<String> MODES = List.of("bearing", "overheating", "leak", "electrical", "blockage",
            "belt_drive");

    private static final Map<String, List<String>> SYMPTOMS = Map.of(
            "bearing", List.of("grinding noise from the drive end", "squealing when it spins up",
                    "rumbling that gets louder every day", "sounds rough at the shaft", "metallic scraping noise",
                    "shaft has play and wobbles", "high vibration at the bearing housing",
                    "knocking under load", "clicking once per revolution", "growling from the non drive end",
                    "vibration readings doubled since monday", "noisy, like gravel inside"),
            "overheating", List.of("running hot", "casing too hot to touch", "temperature alarm again",
                    "smoking up", "smells burnt", "trips on thermal after about twenty minutes",
                    "oil looks dark and burnt", "paint blistering on the housing", "fan not cooling, temp climbing",
                    "runs for a while and trips, very hot", "infrared gun shows 95 degrees on the frame",
                    "steam coming off the motor"),
            "leak", List.of("spraying out slurry", "puddle under the seal", "dripping from the flange",
                    "seal weeping", "oil all over the floor", "hose burst", "mist of fluid around the gland",
                    "level keeps dropping and it is wet underneath", "water squirting from the casing joint",
                    "tank losing a few litres per shift", "grease coming out everywhere", "drips on the skid"),
            "electrical", List.of("keeps tripping the breaker", "won't start, no power at the panel",
                    "sparks from the junction box", "contactor chattering", "motor hums but does not turn",
                    "drive shows fault code F0004", "lights flicker when it starts", "earth fault alarm",
                    "cable insulation cracked and scorched", "starter clicks and nothing happens",
                    "one phase missing on the meter", "emergency stop circuit keeps dropping out"),
            "blockage", List.of("no flow at the outlet", "pressure high upstream and nothing coming out",
                    "strainer clogged", "material jammed in the chute", "suction side choked with debris",
                    "runs but delivers nothing", "screen plugged with rags", "discharge line packed solid",
                    "flow meter reads zero while running", "backing up into the hopper",
                    "product bridging in the inlet", "filter differential pressure maxed out"),
            "belt_drive", List.of("belt slipping and squeaking", "belt tracking off to one side",
                    "coupling worn and misaligned", "shaking at the coupling", "belt frayed at the edge",
                    "pulleys out of line", "v-belts loose, smell of rubber", "conveyor stops while the motor keeps going",
                    "chain jumping teeth on the sprocket", "belt flapping at startup", "tensioner bottomed out",
                    "drive slips when loaded"));

    private static final List<String> MACHINES = List.of("pump 3", "the slurry pump", "conveyor 2", "the main conveyor",
            "compressor B", "mixer motor", "the press hydraulic unit", "fan 7", "crusher drive", "packing line motor",
            "cooling tower pump", "the east agitator", "screw feeder", "extruder gearbox");
    private static final List<String> OPENERS = List.of("", "", "", "night shift: ", "op reports ", "noticed that ",
            "again ", "fyi ", "during startup ", "after the weekend ", "customer line stopped, ", "pls check asap - ");
    private static final List<String> CLOSERS = List.of("", "", "", ".", ". restarted, ok for now",
            ". left running, monitoring", ". shut down and tagged out", ". same as last week", ". maintenance called",
            ". parts ordered", ". reduced speed to 80%", " since 2 am", ", third time this month",
            ". checked by J.", " - production asked to keep it going");
    private static final Map<String, String> ABBREVIATIONS = Map.of("motor", "mtr", "temperature", "temp",
            "bearing", "brg", "pressure", "press.", "approximately", "approx", "maintenance", "maint",
            "conveyor", "conv", "please", "pls");

    private SyntheticNotes() {
    }

    /** {@code rows} notes spread evenly over the modes (in random order). */
    public static List<Note> generate(int rows, long seed) {
        Random r = new Random(seed);
        List<Note> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            String mode = MODES.get(i % MODES.size());
            // One note in 12 describes what another mode looks like: the engineer's label still says what it was.
            String looksLike = r.nextInt(12) == 0 ? MODES.get(r.nextInt(MODES.size())) : mode;
            out.add(new Note(note(r, looksLike), mode));
        }
        java.util.Collections.shuffle(out, r);
        return out;
    }

    /** One note of a mode, never seen in that exact wording (random parts, a second symptom sometimes). */
    static String note(Random r, String mode) {
        List<String> symptoms = SYMPTOMS.get(mode);
        String symptom = pick(r, symptoms);
        StringBuilder b = new StringBuilder(pick(r, OPENERS));
        switch (r.nextInt(3)) {
            case 0 -> b.append(pick(r, MACHINES)).append(' ').append(symptom);
            case 1 -> b.append(symptom).append(" on ").append(pick(r, MACHINES));
            default -> b.append(pick(r, MACHINES)).append(": ").append(symptom);
        }
        if (r.nextInt(3) == 0) {
            b.append(r.nextBoolean() ? " and " : ", also ").append(pick(r, symptoms));
        }
        b.append(pick(r, CLOSERS));
        return noise(r, b.toString());
    }

    private static String noise(Random r, String text) {
        String[] words = text.split(" ");
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (ABBREVIATIONS.containsKey(lower) && r.nextInt(3) == 0) {
                w = ABBREVIATIONS.get(lower);
            } else if (w.length() > 4 && r.nextInt(25) == 0) {
                int i = 1 + r.nextInt(w.length() - 2); // a typo: two letters swapped
                char[] c = w.toCharArray();
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                w = new String(c);
            }
            b.append(b.length() == 0 ? "" : " ").append(w);
        }
        String out = b.toString();
        return switch (r.nextInt(5)) {
            case 0 -> out.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(out.charAt(0)) + out.substring(1);
            default -> out;
        };
    }

    private static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    /** The notes as a CSV with header {@code note,failure_mode} (notes quoted: they hold commas). */
    public static String csv(List<Note> notes) {
        StringBuilder b = new StringBuilder("note,failure_mode\n");
        for (Note n : notes) {
            b.append('"').append(n.text().replace("\"", "\"\"")).append("\",").append(n.mode()).append('\n');
        }
        return b.toString();
    }

    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Files.writeString(Path.of(args[2]), csv(generate(rows, seed)));
    }
}
