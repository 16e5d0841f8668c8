package org.opencarboneval.agent.jfr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jdk.jfr.ContentType;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;

/** An energy in joules; JFR has no content type for energy, so the agent declares one (JDK 17 ContentType javadoc). */
@MetadataDefinition
@ContentType
@Name("org.opencarboneval.Joules")
@Label("Energy")
@Description("Energy in joules (J)")
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Joules {
}
